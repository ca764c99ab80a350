package io.qpwscope.trace;

/**
 * The numbers of one CPU, whoever counted them: the engine's live counters, or a pass over a
 * recording's lane. A source that does not count a metric leaves it 0 ({@code task}: null).
 * {@code cpu = -1} ({@link #ALL_CPUS}) is all lanes combined. Durations in ns. Build one with
 * {@link #builder(int, boolean)}.
 *
 * @param cpu                 CPU id, or {@link #ALL_CPUS}
 * @param isolated            isolated by the boot line (nohz_full= / isolcpus=)
 * @param task                what the CPU runs ("rt-loop", "idle", ...), null when not known
 * @param events              trace records in the CPU's lane
 * @param localLockOps        qpw_lock/local_lock taken by the CPU for its own data
 * @param remoteLockOps       qpw_lock taken by this CPU for another CPU's data (qpw=1)
 * @param lockedByRemote      times another CPU took this CPU's lock
 * @param lockHolds           lock releases (holds ended)
 * @param lockHoldTotalNs     time locks were held
 * @param lockWaitMaxNs       longest wait for a lock
 * @param spinWaits           lock acquisitions that had to spin
 * @param spinWaitMaxNs       longest spin
 * @param trylockFailures     qpw_trylock / local_trylock that failed
 * @param workQueuedTo        work items queued to this CPU (by any CPU)
 * @param workQueuedBy        work items this CPU queued
 * @param workExecutedOn      work functions that ran on this CPU
 * @param workExecutedInline  of those, run inline by this CPU for another CPU's data (qpw=1)
 * @param interruptions       times the CPU's task lost the CPU to a kworker
 * @param interruptionMaxNs   longest interruption
 * @param interruptionTotalNs time lost to interruptions
 * @param lastInterruptionNs  length of the latest interruption
 * @param noiseCount          gaps the task's loop measured (osnoise-style)
 * @param noiseMaxNs          longest gap
 * @param noiseTotalNs        sum of gaps
 * @param flushWaits          flush_work / flush_percpu_work waits
 * @param flushWaitMaxNs      longest flush wait
 * @param taskLoops           iterations of the task's loop
 * @param stealNs             time the CPU's thread waited for a host core (host steal; see engine.host)
 * @param pauseNs             time the CPU's thread was otherwise off its host core while it should run (pause)
 * @param spinWaitMaxKernelNs longest spin minus the host's share of it (the model's part)
 * @param noiseMaxKernelNs    longest noise gap minus the host's share of it
 * @param noiseKernelTotalNs  sum of noise gaps minus their host shares
 * @param lockBlocks          PREEMPT_RT: lock acquisitions that blocked (owner off its CPU); 0 on other kernels
 * @param lockBlockMaxNs      longest of those blocks
 * @param piBoosts            PREEMPT_RT: priority-inheritance boosts this CPU's lock holders got
 */
public record CpuMetrics(
        int cpu,
        boolean isolated,
        String task,
        long events,
        long localLockOps,
        long remoteLockOps,
        long lockedByRemote,
        long lockHolds,
        long lockHoldTotalNs,
        long lockWaitMaxNs,
        long spinWaits,
        long spinWaitMaxNs,
        long trylockFailures,
        long workQueuedTo,
        long workQueuedBy,
        long workExecutedOn,
        long workExecutedInline,
        long interruptions,
        long interruptionMaxNs,
        long interruptionTotalNs,
        long lastInterruptionNs,
        long noiseCount,
        long noiseMaxNs,
        long noiseTotalNs,
        long flushWaits,
        long flushWaitMaxNs,
        long taskLoops,
        long stealNs,
        long pauseNs,
        long spinWaitMaxKernelNs,
        long noiseMaxKernelNs,
        long noiseKernelTotalNs,
        long lockBlocks,
        long lockBlockMaxNs,
        long piBoosts) {

    public static final int ALL_CPUS = -1;

    /** Mean lock hold, 0 when no lock was released. */
    public double lockHoldMeanNs() {
        return lockHolds == 0 ? 0 : (double) lockHoldTotalNs / lockHolds;
    }

    public static Builder builder(int cpu, boolean isolated) {
        return new Builder(cpu, isolated);
    }

    /** Named setters for {@link CpuMetrics}; unset metrics are 0. */
    public static final class Builder {
        private final int cpu;
        private final boolean isolated;
        private String task;
        private long events, localLockOps, remoteLockOps, lockedByRemote, lockHolds, lockHoldTotalNs, lockWaitMaxNs,
                spinWaits, spinWaitMaxNs, trylockFailures, workQueuedTo, workQueuedBy, workExecutedOn,
                workExecutedInline, interruptions, interruptionMaxNs, interruptionTotalNs, lastInterruptionNs,
                noiseCount, noiseMaxNs, noiseTotalNs, flushWaits, flushWaitMaxNs, taskLoops, stealNs, pauseNs,
                spinWaitMaxKernelNs, noiseMaxKernelNs, noiseKernelTotalNs,
                lockBlocks,
                lockBlockMaxNs, piBoosts;

        private Builder(int cpu, boolean isolated) {
            this.cpu = cpu;
            this.isolated = isolated;
        }

        public Builder task(String v) { task = v; return this; }

        public Builder events(long v) { events = v; return this; }

        /** Lock operations this CPU did for its own data and for other CPUs' data. */
        public Builder lockOps(long local, long remote) { localLockOps = local; remoteLockOps = remote; return this; }

        public Builder lockedByRemote(long v) { lockedByRemote = v; return this; }

        public Builder lockHolds(long count, long totalNs) { lockHolds = count; lockHoldTotalNs = totalNs; return this; }

        public Builder lockWaitMaxNs(long v) { lockWaitMaxNs = v; return this; }

        public Builder spinWaits(long count, long maxNs) { spinWaits = count; spinWaitMaxNs = maxNs; return this; }

        public Builder trylockFailures(long v) { trylockFailures = v; return this; }

        public Builder workQueued(long to, long by) { workQueuedTo = to; workQueuedBy = by; return this; }

        public Builder workExecuted(long on, long inline) { workExecutedOn = on; workExecutedInline = inline; return this; }

        public Builder interruptions(long count, long maxNs, long totalNs) {
            interruptions = count;
            interruptionMaxNs = maxNs;
            interruptionTotalNs = totalNs;
            return this;
        }

        public Builder lastInterruptionNs(long v) { lastInterruptionNs = v; return this; }

        public Builder noise(long count, long maxNs, long totalNs) {
            noiseCount = count;
            noiseMaxNs = maxNs;
            noiseTotalNs = totalNs;
            return this;
        }

        public Builder flushWaits(long count, long maxNs) { flushWaits = count; flushWaitMaxNs = maxNs; return this; }

        public Builder taskLoops(long v) { taskLoops = v; return this; }

        /** What the host took from the CPU's thread: steal and pause ns. */
        public Builder host(long steal, long pause) { stealNs = steal; pauseNs = pause; return this; }

        public Builder spinWaitMaxKernelNs(long v) { spinWaitMaxKernelNs = v; return this; }

        /** Noise gaps without their host shares: the longest and the sum. */
        public Builder noiseKernel(long maxNs, long totalNs) { noiseMaxKernelNs = maxNs; noiseKernelTotalNs = totalNs; return this; }
        /** PREEMPT_RT: blocked lock acquisitions (count, longest). */
        public Builder lockBlocks(long count, long maxNs) { lockBlocks = count; lockBlockMaxNs = maxNs; return this; }

        /** PREEMPT_RT: priority-inheritance boosts received. */
        public Builder piBoosts(long v) { piBoosts = v; return this; }

        public CpuMetrics build() {
            return new CpuMetrics(cpu, isolated, task, events, localLockOps, remoteLockOps, lockedByRemote, lockHolds,
                    lockHoldTotalNs, lockWaitMaxNs, spinWaits, spinWaitMaxNs, trylockFailures, workQueuedTo, workQueuedBy,
                    workExecutedOn, workExecutedInline, interruptions, interruptionMaxNs, interruptionTotalNs,
                    lastInterruptionNs, noiseCount, noiseMaxNs, noiseTotalNs, flushWaits, flushWaitMaxNs, taskLoops, stealNs,
                    pauseNs, spinWaitMaxKernelNs, noiseMaxKernelNs, noiseKernelTotalNs,
                    lockBlocks, lockBlockMaxNs, piBoosts);
        }
    }
}
