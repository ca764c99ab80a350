package io.qpwscope.engine;

import io.qpwscope.scenario.Scenario;

import java.util.List;

/** Scenarios built in code for engine tests (independent of the JSON loader). */
final class Scenarios {
    private Scenarios() {}

    /** The seed reproducer: rt-loop (FIFO or not) on isolated cpu3, flushbufs from cpu0. */
    static Scenario flushbufs(boolean fifo, boolean rtThrottling, long everyMs, String boot) {
        return new Scenario("isolated-rt-flushbufs", "test", new Scenario.Machine(4, false),
                new Scenario.Kernel(true, false, false, boot),
                new Scenario.Sched(rtThrottling, 100, 60, 0, false),
                List.of(new Scenario.Workload("3", "rt-loop", fifo ? "SCHED_FIFO" : "SCHED_OTHER", fifo ? 1 : 0, 64, 1, true, 20, 0),
                        new Scenario.Workload("1", "lru-add", "SCHED_OTHER", 0, 64, 1, false, 0, 0),
                        new Scenario.Workload("2", "kmalloc", "SCHED_OTHER", 0, 64, 8, false, 0, 0)),
                List.of(new Scenario.TriggerSpec("flushbufs", 0, List.of(), everyMs, 10),
                        new Scenario.TriggerSpec("kmem_cache_shrink", 0, List.of(), everyMs, 15),
                        new Scenario.TriggerSpec("drain_all_stock", 0, List.of(), everyMs * 3, 20),
                        new Scenario.TriggerSpec("mlock", 0, List.of(30L), 0, 0)),
                1000, new Scenario.Costs(1500, 1000), new Scenario.TraceOptions(1 << 16, true), List.of());
    }
}
