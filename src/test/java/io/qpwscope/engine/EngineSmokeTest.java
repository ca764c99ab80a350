package io.qpwscope.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineSmokeTest {
    private static final int ISOLATED = 3;

    @Test
    @Timeout(120)
    void qpw0InterruptsIsolatedCpuAndQpw1DoesNot() {
        for (int mode = 0; mode <= 1; mode++) {
            try (Engine e = new Engine(io.qpwscope.scenario.ScenarioResolver.resolve(Scenarios.flushbufs(false, true, 50, "nohz_full=3"), mode, null))) {
                e.start();
                if (mode == 0) {
                    Await.until("a drain queued work to cpu3 and interrupted it in qpw=0", 60, () -> {
                        io.qpwscope.trace.CpuMetrics c = e.stats().cpus().get(ISOLATED);
                        return c.workQueuedTo() > 0 && c.interruptions() > 0;
                    }, () -> e.stats().cpus().get(ISOLATED).toString());
                } else {
                    // the precondition of "not interrupted": drains did reach cpu3's per-CPU data, remotely
                    Await.until("a remote CPU drained cpu3's per-CPU data in qpw=1", 60,
                            () -> e.stats().cpus().get(ISOLATED).lockedByRemote() > 0, () -> e.stats().cpus().get(ISOLATED).toString());
                }
                e.stop();
                Summary s = e.summary();
                assertTrue(s.invariants().ok(), s.invariants().violations().toString());
                assertEquals(s.work().queued(), s.work().executed());
                if (mode == 0) assertTrue(s.cpus().get(ISOLATED).metrics().workQueuedTo() > 0, "work was queued to cpu3");
                else assertTrue(s.cpus().get(ISOLATED).metrics().lockedByRemote() > 0, "cpu3 was drained remotely");
                long intr = s.cpus().get(ISOLATED).metrics().interruptions();
                if (mode == 0) assertTrue(intr > 0, "qpw=0 must interrupt cpu3");
                else assertEquals(0, intr, "qpw=1 must not interrupt cpu3");
            }
        }
    }
}
