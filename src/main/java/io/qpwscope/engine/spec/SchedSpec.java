package io.qpwscope.engine.spec;

/**
 * How normal-priority tasks (kworkers) get a CPU that runs a SCHED_FIFO task.
 *
 * @param rtThrottling      sched_rt_runtime_us != -1: classic RT throttling (kernels before 6.12)
 * @param rtPeriodNs        sched_rt_period_us in ns
 * @param rtRuntimeNs       sched_rt_runtime_us in ns
 * @param stalldThresholdNs 0 = no stalld; else a starved kworker is boosted after this long
 * @param fairServer        6.12+: the fair deadline server (dl_server) runs starved fair tasks;
 *                          takes the place of RT throttling in the model
 */
public record SchedSpec(boolean rtThrottling, long rtPeriodNs, long rtRuntimeNs, long stalldThresholdNs,
                        boolean fairServer) {
    /** Linux defaults before 6.12: sched_rt_period_us=1000000, sched_rt_runtime_us=950000; no stalld. */
    public static final SchedSpec DEFAULT = new SchedSpec(true, 1_000_000_000L, 950_000_000L, 0, false);
}
