package io.qpwscope.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.qpwscope.trace.CpuMetrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code run --json} summary (DESIGN.md "Command line"), plus context a reviewer needs:
 * the physical cores, pinning, the scheduling model and the modelled costs. The fast-path
 * figures are ns per kmalloc or kfree from {@link FastPathCalibration} (median, 95 % interval
 * as {@code ...Low} / {@code ...High}); null when no kmalloc task calibrated.
 */
@JsonPropertyOrder({"scenario", "qpw", "config", "physicalCores", "pinned", "durationNs", "cpus", "work", "trace",
        "invariants"})
public record Summary(String scenario, int qpw, Config config, int physicalCores, boolean pinned, long durationNs,
                      List<CpuReport> cpus, Work work, Trace trace, Invariants invariants,
                      String sched, Costs costs, long modeSwitches, Double fastPathNsPerOpQpw0,
                      Double fastPathNsPerOpQpw1, Double fastPathNsPerOpQpw0Low, Double fastPathNsPerOpQpw0High,
                      Double fastPathNsPerOpQpw1Low, Double fastPathNsPerOpQpw1High, Mm mm,
                      int logicalCpus, int availableCpus, Steal steal, Host host) {

    /**
     * Where the host-time figures come from (see {@code io.qpwscope.engine.host}).
     * @param source    "schedstat" (steal and pause measured apart), "rusage" (off-core time, all
     *                  counted as steal) or "unknown" (no host time: every figure includes it)
     * @param available whether host time was measured at all
     * @param gapThresholdNs the unseen-gap watch's threshold: inside an interruption, a stretch
     *                  longer than this between two clock reads of the CPU's thread is host time
     *                  even when the source saw none (a VM that hides its steal); a noise gap in
     *                  which nothing of the model ran is the host's whole
     */
    public record Steal(String source, boolean available, long gapThresholdNs) {}

    /**
     * The machine the emulated CPUs ran on.
     * @param physicalCores  host cores (distinct package/core pairs)
     * @param logicalCpus    host logical CPUs (hardware threads)
     * @param availableCpus  processors this JVM may use (affinity mask, cgroup quota)
     * @param note           one line when the CPU threads (+ the UI's) outnumber the available
     *                       processors: host steal is then expected; "" otherwise
     */
    public record Host(int physicalCores, int logicalCpus, int availableCpus, String note) {}

    /**
     * State of the emulated memory subsystems at the end.
     * @param memcgStrandedPages   charges left in isolated CPUs' stocks (drain_all_stock skips them)
     * @param lruDrainsSkipped     lru_add_drain_all calls that found a newer drain done (generation check)
     * @param slabObjects          objects the kmalloc-64 cache got from the page allocator
     */
    public record Mm(long memcgStrandedPages, long lruDrainsSkipped, long slabObjects) {}

    @JsonPropertyOrder({"CONFIG_QPW", "CONFIG_QPW_DEFAULT", "CONFIG_PREEMPT_RT", "boot", "effectiveQpw", "reason", "warnings"})
    public record Config(@JsonProperty("CONFIG_QPW") boolean configQpw,
                         @JsonProperty("CONFIG_QPW_DEFAULT") boolean configQpwDefault,
                         @JsonProperty("CONFIG_PREEMPT_RT") boolean preemptRt,
                         String boot, int effectiveQpw, String reason, List<String> warnings) {}

    /**
     * One CPU of the run: its metrics, plus osnoise's "% of CPU available" for the task's loop
     * ({@code cpuAvailablePct}: 100 x (1 - noise kernel ns / run time), the noise without the
     * host's share (steal, pause); {@code cpuAvailableWallPct}: 100 x (1 - noiseTotalNs / run
     * time), with it; null for an idle CPU, no loop measures it) and its interruptions.
     * Written as the {@code run --json} CPU object: {@link #json()} holds the contract's field
     * names and order.
     */
    public record CpuReport(CpuMetrics metrics, Double cpuAvailablePct, List<Interruption> interruptionList,
                            Double cpuAvailableWallPct) {
        @JsonValue
        Map<String, Object> json() {
            CpuMetrics m = metrics;
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("cpu", m.cpu());
            j.put("isolated", m.isolated());
            j.put("task", m.task());
            j.put("localLockOps", m.localLockOps());
            j.put("remoteLockOps", m.remoteLockOps());
            j.put("lockedByRemote", m.lockedByRemote());
            j.put("workQueuedTo", m.workQueuedTo());
            j.put("workExecutedOn", m.workExecutedOn());
            j.put("interruptions", m.interruptions());
            j.put("noiseMaxNs", m.noiseMaxNs());
            j.put("noiseTotalNs", m.noiseTotalNs());
            j.put("noiseCount", m.noiseCount());
            j.put("lockWaitMaxNs", m.lockWaitMaxNs());
            j.put("interruptionMaxNs", m.interruptionMaxNs());
            j.put("interruptionTotalNs", m.interruptionTotalNs());
            j.put("spinWaits", m.spinWaits());
            j.put("trylockFailures", m.trylockFailures());
            j.put("flushWaitMaxNs", m.flushWaitMaxNs());
            j.put("cpuAvailablePct", cpuAvailablePct);
            j.put("interruptionList", interruptionList);
            j.put("spinWaitMaxNs", m.lockWaitMaxNs());
            j.put("spinWaitMaxKernelNs", m.spinWaitMaxKernelNs());
            j.put("noiseMaxKernelNs", m.noiseMaxKernelNs());
            j.put("stealNs", m.stealNs());
            j.put("pauseNs", m.pauseNs());
            j.put("cpuAvailableWallPct", cpuAvailableWallPct);
            j.put("lockBlocks", m.lockBlocks());
            j.put("lockBlockMaxNs", m.lockBlockMaxNs());
            j.put("piBoosts", m.piBoosts());
            return j;
        }
    }

    /**
     * One interruption of an isolated CPU's task, from the trace (first 1000 per CPU).
     * {@code offCpuNs = kernelNs + stealNs + pauseNs}.
     * @param atNs       when the task got the CPU back (trace clock)
     * @param offCpuNs   measured time the task was off the CPU for the kworker (wall)
     * @param taskGapNs  the gap the task's own loop measured across it (osnoise view; 0 if not traced)
     * @param queuedBy   CPU that queued the work
     * @param work       the work function
     * @param kernelNs   of offCpuNs, the model's part (the CPU's thread was on a host core)
     * @param stealNs    of offCpuNs, the thread waited for a host core
     * @param pauseNs    of offCpuNs, the thread was otherwise off its host core
     */
    public record Interruption(long atNs, long offCpuNs, long taskGapNs, int queuedBy, String work, long kernelNs,
                               long stealNs, long pauseNs) {}

    public record Work(long queued, long executed, long executedOnTarget, long executedByCaller) {}

    public record Trace(long events, long overruns) {}

    public record Invariants(boolean ok, List<String> violations) {}

    /** Modelled costs in force (everything else is measured). */
    public record Costs(long contextSwitchNs, long workqueueWakeupNs) {}
}
