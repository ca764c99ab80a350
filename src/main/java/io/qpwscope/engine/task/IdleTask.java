package io.qpwscope.engine.task;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.Task;

/** No task: the CPU idles and runs its kworker whenever work arrives (not an interruption). */
public final class IdleTask implements Task {
    @Override
    public void step(Cpu self) {
        throw new UnsupportedOperationException("an idle CPU has no loop");
    }

    @Override
    public boolean idle() {
        return true;
    }

    @Override
    public boolean fifo() {
        return false;
    }

    @Override
    public String name() {
        return "idle";
    }
}
