package io.qpwscope.recording;

/**
 * Summary numbers of one CPU lane of a recording (or of all lanes, {@code cpu = -1}), as the
 * compare view and the statistics CSV show them. Durations in ns.
 *
 * @param workQueuedTo  work items other CPUs (or this one) queued to this CPU (WORK_QUEUED with peer = cpu)
 * @param workQueuedBy  work items this CPU queued (WORK_QUEUED in its lane)
 * @param workExecuted  work functions that ran on this CPU (WORK_START in its lane)
 * @param workInline    of those, run inline by this CPU for another CPU's data (qpw=1)
 */
public record CpuSummary(
        int cpu,
        boolean isolated,
        long events,
        long interruptions,
        long interruptionMaxNs,
        long interruptionTotalNs,
        long noiseCount,
        long noiseMaxNs,
        long noiseTotalNs,
        long localLockOps,
        long remoteLockOps,
        long lockHolds,
        long lockHoldTotalNs,
        double lockHoldMeanNs,
        long spinWaits,
        long spinWaitMaxNs,
        long workQueuedTo,
        long workQueuedBy,
        long workExecuted,
        long workInline,
        long flushWaits,
        long flushWaitMaxNs) {

    public static final int ALL_CPUS = -1;

    /** Column names for tables and CSV, in component order after {@code cpu} and {@code isolated}. */
    public static final String[] METRICS = {
            "events", "interruptions", "interruption_max_ns", "interruption_total_ns", "noise_count", "noise_max_ns",
            "noise_total_ns", "local_lock_ops", "remote_lock_ops", "lock_holds", "lock_hold_total_ns", "lock_hold_mean_ns",
            "spin_waits", "spin_wait_max_ns", "work_queued_to", "work_queued_by", "work_executed", "work_inline",
            "flush_waits", "flush_wait_max_ns"};

    /** The metric values in {@link #METRICS} order (the mean as a double, the rest exact). */
    public Number[] values() {
        return new Number[] {events, interruptions, interruptionMaxNs, interruptionTotalNs, noiseCount, noiseMaxNs,
                noiseTotalNs, localLockOps, remoteLockOps, lockHolds, lockHoldTotalNs, lockHoldMeanNs, spinWaits,
                spinWaitMaxNs, workQueuedTo, workQueuedBy, workExecuted, workInline, flushWaits, flushWaitMaxNs};
    }
}
