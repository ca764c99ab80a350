package io.qpwscope.engine;

import io.qpwscope.engine.spec.TaskSpec;
import io.qpwscope.engine.task.IdleTask;
import io.qpwscope.engine.task.KmallocTask;
import io.qpwscope.engine.task.LruAddTask;
import io.qpwscope.engine.task.RtLoopTask;

import java.util.List;

/** One task per CPU from the machine description; CPUs no task names run idle. */
final class TaskFactory {
    private TaskFactory() {}

    static Task[] build(List<TaskSpec> specs, int cpus) {
        Task[] t = new Task[cpus];
        for (TaskSpec s : specs) {
            for (int c = 0; c < cpus; c++) {
                if (s.runsOn(c)) t[c] = create(s);
            }
        }
        for (int c = 0; c < cpus; c++) if (t[c] == null) t[c] = new IdleTask();
        return t;
    }

    static Task create(TaskSpec s) {
        boolean fifo = s.fifo();
        int ops = Math.max(1, s.opsPerLoop());
        return switch (s.kind()) {
            case RT_LOOP -> new RtLoopTask(fifo, s.writeBeforeLoop(), ops).writeEvery(s.writeEveryNs()).pace(s.loopsPerSec()).priority(s.priority());
            case KMALLOC -> new KmallocTask(fifo, ops).writeEvery(s.writeEveryNs()).pace(s.loopsPerSec()).priority(s.priority());
            case LRU_ADD -> new LruAddTask(fifo, ops).writeEvery(s.writeEveryNs()).pace(s.loopsPerSec()).priority(s.priority());
            case IDLE -> new IdleTask();
        };
    }
}
