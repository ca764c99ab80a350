package io.qpwscope.engine.spec;

/**
 * Modelled costs (everything else is measured).
 *
 * @param contextSwitchNs   charged for each switch task -> kworker and back
 * @param workqueueWakeupNs delay from queue_work_on to the kworker being runnable (IPI + wakeup)
 */
public record CostSpec(long contextSwitchNs, long workqueueWakeupNs) {
    /** The scenario defaults: 1500 ns per switch, 1000 ns wakeup. */
    public static final CostSpec DEFAULT = new CostSpec(1500, 1000);
    /** No modelled cost at all (benchmarks). */
    public static final CostSpec NONE = new CostSpec(0, 0);
}
