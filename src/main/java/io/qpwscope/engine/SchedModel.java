package io.qpwscope.engine;

import io.qpwscope.engine.spec.SchedSpec;

/**
 * When a normal-priority kworker gets a CPU whose task is SCHED_FIFO (DOMAIN.md, SCHED_FIFO
 * caveat): never by preemption. Which mechanism lets it in depends on the kernel:
 * <ul>
 *   <li>{@link Mode#RT_THROTTLING}, kernels before 6.12 (kernel/sched/rt.c,
 *       sched_rt_runtime_exceeded): once the RT tasks of a CPU have run sched_rt_runtime_us of a
 *       sched_rt_period_us they are throttled for the rest of the period. The FIFO loop is off
 *       the CPU for that window whether or not anything else wants it: the CPU idles, and runs
 *       any pending kworker then. That idle time is the loop's noise, in qpw=0 and qpw=1 alike.</li>
 *   <li>{@link Mode#FAIR_SERVER}, 6.12+ (kernel/sched/deadline.c, the deferred fair server): a
 *       fair task starved by RT gets {@link #FAIR_SERVER_RUNTIME_NS} per
 *       {@link #FAIR_SERVER_PERIOD_NS}, the server deferring to its zero-laxity point, i.e.
 *       (period - runtime) after the fair task became runnable and starved. Only the time the
 *       kworker uses is taken from the loop.</li>
 *   <li>{@link Mode#NONE}: sched_rt_runtime_us = -1 and no fair server: the kworker waits until
 *       the FIFO task ends, and the remote caller's flush waits with it — unless stalld boosts
 *       it once it has been starved for the stalld threshold (any mode).</li>
 * </ul>
 * The throttle phase is measured on the trace clock (the loop starts with the run).
 */
public record SchedModel(Mode mode, long rtPeriodNs, long rtRuntimeNs, long stalldThresholdNs) {
    /** fair_server defaults (dl_server runtime / period of each CPU's fair server). */
    public static final long FAIR_SERVER_RUNTIME_NS = 50_000_000L;
    public static final long FAIR_SERVER_PERIOD_NS = 1_000_000_000L;

    public enum Mode {
        RT_THROTTLING("RT throttling"), FAIR_SERVER("fair deadline server"), NONE("none");

        public final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /** @param s null: the Linux defaults ({@link SchedSpec#DEFAULT}) */
    public static SchedModel of(SchedSpec s) {
        if (s == null) s = SchedSpec.DEFAULT;
        Mode m = s.fairServer() ? Mode.FAIR_SERVER : s.rtThrottling() && s.rtPeriodNs() > 0 ? Mode.RT_THROTTLING : Mode.NONE;
        return new SchedModel(m, s.rtPeriodNs(), s.rtRuntimeNs(), s.stalldThresholdNs());
    }

    /**
     * Whether a pending kworker preempts the running FIFO task now. Under RT throttling it never
     * does: it runs when the task is throttled ({@link #throttledUntil}), off the CPU anyway.
     *
     * @param now          trace clock
     * @param pendingSince trace clock when the CPU first saw the work pending (the kworker starved since)
     */
    public boolean kworkerMayRun(long now, long pendingSince) {
        if (stalldThresholdNs > 0 && now - pendingSince >= stalldThresholdNs) return true;
        return switch (mode) {
            case RT_THROTTLING -> false;
            case FAIR_SERVER -> now - pendingSince >= FAIR_SERVER_PERIOD_NS - FAIR_SERVER_RUNTIME_NS;
            case NONE -> false;
        };
    }

    /**
     * Classic RT throttling: @return the end of the throttle window {@code now} falls in (the
     * period timer's replenishment), or -1 when a FIFO task may run now.
     */
    public long throttledUntil(long now) {
        if (mode != Mode.RT_THROTTLING || rtRuntimeNs >= rtPeriodNs) return -1;
        long phase = now % rtPeriodNs;
        return phase >= rtRuntimeNs ? now - phase + rtPeriodNs : -1;
    }

    public String describe() {
        String s = switch (mode) {
            case RT_THROTTLING -> "RT throttling (sched_rt_runtime_us=" + rtRuntimeNs / 1000 + " of sched_rt_period_us="
                    + rtPeriodNs / 1000 + "): SCHED_FIFO tasks are throttled, and kworkers run, in the last "
                    + (rtPeriodNs - rtRuntimeNs) / 1_000_000 + " ms of every " + rtPeriodNs / 1_000_000 + " ms";
            case FAIR_SERVER -> "fair deadline server (6.12+): a starved kworker gets " + FAIR_SERVER_RUNTIME_NS / 1_000_000
                    + " ms per " + FAIR_SERVER_PERIOD_NS / 1_000_000 + " ms, "
                    + (FAIR_SERVER_PERIOD_NS - FAIR_SERVER_RUNTIME_NS) / 1_000_000 + " ms after it starved";
            case NONE -> "no RT throttling, no fair server: kworkers starve behind SCHED_FIFO";
        };
        if (stalldThresholdNs > 0) s += "; stalld boosts a kworker starved " + stalldThresholdNs / 1_000_000 + " ms";
        return s;
    }
}
