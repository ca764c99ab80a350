package io.qpwscope.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveSwitchStressTest {
    @Test
    @Timeout(120)
    void thousandLiveSwitchesUnderLoadLoseNoWorkAndKeepEveryInvariant() {
        // rt-loop not FIFO so drains reach the isolated CPU quickly; triggers every 2 ms
        Summary s;
        try (Engine e = new Engine(io.qpwscope.scenario.ScenarioResolver.resolve(Scenarios.flushbufs(false, true, 2, "nohz_full=3"), 0, null))) {
            e.start();
            for (int i = 0; i < 1000; i++) {
                assertTrue(e.setQpw(i % 2 == 0 ? 1 : 0), "switch " + i);
                if (i % 50 == 0) e.trigger(io.qpwscope.trace.Trigger.KMEM_CACHE_SHRINK, 1);
            }
            e.stop();
            s = e.summary();
        }
        assertTrue(s.invariants().ok(), s.invariants().violations().toString());
        assertEquals(s.work().queued(), s.work().executed(), "every queued item ran exactly once");
        assertTrue(s.work().queued() > 0, "work was queued during the switches");
        assertTrue(s.work().executedByCaller() > 0 && s.work().executedOnTarget() > 0, "both modes did work");
        assertEquals(1000, s.modeSwitches());
        assertNoCpuThreadAlive();
    }

    @Test
    @Timeout(60)
    void fifoTaskWithoutThrottlingStarvesTheKworkerUntilStopWhichStillRunsTheWork() {
        Summary s;
        try (Engine e = new Engine(io.qpwscope.scenario.ScenarioResolver.resolve(Scenarios.flushbufs(true, false, 20, "nohz_full=3"), 0, null))) {
            e.start();
            // precondition: a drain queued work for cpu3's kworker, then the FIFO task kept looping
            // 100,000 times while that work was pending (the drain waits for it: no second item is queued)
            Await.until("work queued to cpu3", 30, () -> e.stats().cpus().get(3).workQueuedTo() > 0,
                    () -> e.stats().cpus().get(3).toString());
            long loops = e.stats().cpus().get(3).taskLoops();
            Await.until("cpu3's task looping on with work pending", 30, () -> e.stats().cpus().get(3).taskLoops() > loops + 100_000,
                    () -> e.stats().cpus().get(3).toString());
            assertEquals(0, e.stats().cpus().get(3).workExecutedOn(), "the kworker cannot preempt SCHED_FIFO");
            e.stop();
            s = e.summary();
        }
        assertTrue(s.invariants().ok(), s.invariants().violations().toString());
        assertEquals(s.work().queued(), s.work().executed());
        assertTrue(s.cpus().get(3).metrics().workQueuedTo() > 0, "work was queued to cpu3");
        assertTrue(s.cpus().get(3).metrics().workExecutedOn() > 0, "the starved work ran on cpu3 at stop");
        assertEquals(0, s.cpus().get(3).metrics().interruptions(), "run at exit, not an interruption");
        assertNoCpuThreadAlive();
    }

    private static void assertNoCpuThreadAlive() {
        Set<Thread> all = Thread.getAllStackTraces().keySet();
        for (Thread t : all) {
            assertFalse(t.isAlive() && t.getName().startsWith("cpu/"), t.getName() + " still running after stop");
        }
    }
}
