package io.qpwscope.engine;

import io.qpwscope.engine.spec.SchedSpec;

/**
 * When a normal-priority kworker gets a CPU whose task is SCHED_FIFO (DOMAIN.md, SCHED_FIFO
 * caveat): never by preemption. It runs when RT throttling / the fair server leaves room —
 * the last (period - runtime) of every sched_rt_period — or, with stalld, once it has been
 * starved for the stalld threshold. With neither, it waits until the FIFO task ends, and
 * the remote caller's flush waits with it.
 *
 * <p>Only the time the kworker actually uses is taken from the task (what the fair server
 * does); the throttle window is not otherwise emulated.
 */
public record SchedModel(boolean rtThrottling, long rtPeriodNs, long rtRuntimeNs, long stalldThresholdNs) {

    /** @param s null: the Linux defaults ({@link SchedSpec#DEFAULT}) */
    public static SchedModel of(SchedSpec s) {
        if (s == null) s = SchedSpec.DEFAULT;
        return new SchedModel(s.rtThrottling(), s.rtPeriodNs(), s.rtRuntimeNs(), s.stalldThresholdNs());
    }

    /**
     * @param now          trace clock
     * @param pendingSince trace clock when the CPU first saw the work pending
     */
    public boolean kworkerMayRun(long now, long pendingSince) {
        if (stalldThresholdNs > 0 && now - pendingSince >= stalldThresholdNs) return true;
        return rtThrottling && rtPeriodNs > 0 && now % rtPeriodNs >= rtRuntimeNs;
    }

    public String describe() {
        String s = rtThrottling
                ? "RT throttling: kworkers run in the last " + (rtPeriodNs - rtRuntimeNs) / 1_000_000 + " ms of every "
                        + rtPeriodNs / 1_000_000 + " ms"
                : "RT throttling off: kworkers starve behind SCHED_FIFO";
        if (stalldThresholdNs > 0) s += "; stalld boosts a kworker starved " + stalldThresholdNs / 1_000_000 + " ms";
        return s;
    }
}
