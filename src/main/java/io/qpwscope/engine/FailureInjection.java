package io.qpwscope.engine;

import io.qpwscope.engine.qpw.LockdepException;
import io.qpwscope.engine.qpw.QpwStruct;
import io.qpwscope.trace.Site;

/**
 * For tests of the failure policy only (no option or menu reaches it): makes a running
 * engine's CPU {@code from} queue a work item on CPU {@code target} whose work function
 * throws a {@link LockdepException}, then flush it — the flush would wait forever.
 * {@code run} honours the system property {@value #PROPERTY} (the target CPU) the same way.
 */
public final class FailureInjection {
    public static final String PROPERTY = "qpwscope.test.failWorkOnCpu";

    private FailureInjection() {
    }

    public static void failingWork(Engine engine, int from, int target) {
        Machine m = engine.machine();
        QpwStruct w = new QpwStruct(Site.WORK_LRU_DRAIN);
        w.init((self, work) -> {
            throw new LockdepException("cpu" + self.id() + ": injected lock assertion (qpw_lockdep_assert_held)");
        }, target);
        m.cpu(from).submit(self -> {
            m.qpw.queue_work_on(self, target, "mm_percpu_wq", w);
            m.qpw.flush_work(self, w);
        });
    }

    /** @return the CPU named by {@value #PROPERTY}, or -1 when it is not set */
    public static int requestedTarget() {
        Integer t = Integer.getInteger(PROPERTY);
        return t == null ? -1 : t;
    }
}
