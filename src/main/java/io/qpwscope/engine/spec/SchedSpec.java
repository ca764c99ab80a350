package io.qpwscope.engine.spec;

/**
 * How kworkers get a CPU that runs a SCHED_FIFO task.
 *
 * @param rtThrottling      sched_rt_runtime_us != -1: kworkers run in the throttle window
 * @param rtPeriodNs        sched_rt_period_us in ns
 * @param rtRuntimeNs       sched_rt_runtime_us in ns
 * @param stalldThresholdNs 0 = no stalld; else a starved kworker is boosted after this long
 */
public record SchedSpec(boolean rtThrottling, long rtPeriodNs, long rtRuntimeNs, long stalldThresholdNs) {
    /** Linux defaults: sched_rt_period_us=1000000, sched_rt_runtime_us=950000; no stalld. */
    public static final SchedSpec DEFAULT = new SchedSpec(true, 1_000_000_000L, 950_000_000L, 0);
}
