package io.qpwscope.engine;

import java.util.List;

/**
 * A cheap snapshot of the engine's counters, for dashboards a few times a second.
 *
 * @param cpus         per-CPU counters
 * @param qpw          static key now in force
 * @param workQueued   queue_percpu_work_on / queue_work_on calls that queued or ran work
 * @param workExecuted work functions that returned
 * @param traceEvents  events in the recording so far
 * @param overruns     trace records dropped by full rings
 * @param elapsedNs    since start
 * @param fastPathNsPerOpQpw0 ns per kmalloc or kfree with qpw=0: median of a paired, untraced calibration
 *                            ({@link FastPathCalibration}); NaN until a kmalloc task has calibrated
 * @param fastPathNsPerOpQpw1 same with qpw=1 (NaN with CONFIG_QPW=n)
 * @param modeSwitches live switches so far
 * @param fastPathNsPerOpQpw0Low  95 % interval of {@code fastPathNsPerOpQpw0}, low end (NaN likewise)
 * @param fastPathNsPerOpQpw0High its high end
 * @param fastPathNsPerOpQpw1Low  95 % interval of {@code fastPathNsPerOpQpw1}, low end
 * @param fastPathNsPerOpQpw1High its high end
 */
public record EngineStats(List<CpuStats> cpus, int qpw, long workQueued, long workExecuted, long traceEvents,
                          long overruns, long elapsedNs, double fastPathNsPerOpQpw0, double fastPathNsPerOpQpw1,
                          long modeSwitches, double fastPathNsPerOpQpw0Low, double fastPathNsPerOpQpw0High,
                          double fastPathNsPerOpQpw1Low, double fastPathNsPerOpQpw1High) {

    /** One CPU's numbers. Field names match the run --json summary. */
    public record CpuStats(int cpu, boolean isolated, String task, long localLockOps, long remoteLockOps,
                           long lockedByRemote, long workQueuedTo, long workExecutedOn, long workExecutedInline,
                           long interruptions, long interruptionMaxNs, long interruptionTotalNs,
                           long lastInterruptionNs, long noiseCount, long noiseMaxNs, long noiseTotalNs,
                           long lockWaitMaxNs, long spinWaits, long trylockFailures, long flushWaitMaxNs,
                           long taskLoops) {

        static CpuStats of(Cpu c) {
            CpuCounters k = c.counters;
            return new CpuStats(c.id, c.isolated, c.task.name(),
                    k.get(CpuCounters.LOCAL_LOCK_OPS), k.get(CpuCounters.REMOTE_LOCK_OPS), k.lockedByRemote(),
                    k.workQueuedTo(), k.get(CpuCounters.WORK_EXECUTED_ON), k.get(CpuCounters.WORK_EXECUTED_INLINE),
                    k.get(CpuCounters.INTERRUPTIONS), k.get(CpuCounters.INTERRUPTION_MAX_NS),
                    k.get(CpuCounters.INTERRUPTION_TOTAL_NS), k.get(CpuCounters.LAST_INTERRUPTION_NS),
                    k.get(CpuCounters.NOISE_COUNT), k.get(CpuCounters.NOISE_MAX_NS), k.get(CpuCounters.NOISE_TOTAL_NS),
                    k.get(CpuCounters.LOCK_WAIT_MAX_NS), k.get(CpuCounters.SPIN_WAITS), k.get(CpuCounters.TRYLOCK_FAILURES),
                    k.get(CpuCounters.FLUSH_WAIT_MAX_NS), k.get(CpuCounters.TASK_LOOPS));
        }
    }

    /** Sum of interruptions over isolated CPUs. */
    public long isolatedInterruptions() {
        long n = 0;
        for (CpuStats c : cpus) if (c.isolated()) n += c.interruptions();
        return n;
    }

    /** Max single interruption over isolated CPUs. */
    public long isolatedInterruptionMaxNs() {
        long n = 0;
        for (CpuStats c : cpus) if (c.isolated()) n = Math.max(n, c.interruptionMaxNs());
        return n;
    }

    public long remoteLockOps() {
        long n = 0;
        for (CpuStats c : cpus) n += c.remoteLockOps();
        return n;
    }
}
