package io.qpwscope.sweep;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.qpwscope.engine.Summary;
import io.qpwscope.trace.CpuMetrics;

/**
 * One run of a sweep: one value in one mode. Latencies are the kernel parts (the model's own
 * cost, host steal and pause taken out, issue 8's split); host steal is {@link #hostStealShare}
 * alone. "Isolated" means CPUs the boot line isolates.
 *
 * @param value                     the parameter's value, as written
 * @param qpw                       the mode asked for (qpw=N on the boot line)
 * @param effectiveQpw              the mode the kernel ran (0 when CONFIG_QPW=n)
 * @param cpus                      emulated CPUs
 * @param isolatedCpus              how many of them are isolated
 * @param durationNs                run length
 * @param interruptions             times a task on an isolated CPU lost it to a kworker
 * @param interruptionsPerSec       that per second of run
 * @param interruptionsSplit        of those, the ones the trace holds with their kernel/steal/pause split
 *                                  (the counter and the trace may disagree at the run's very end)
 * @param worstInterruptionKernelNs longest such interruption, kernel part (0 when none is split)
 * @param worstNoiseKernelNs        longest noise gap an isolated CPU's loop measured, kernel part
 * @param workQueuedToIsolated      work items queued to isolated CPUs (pending there until a kworker runs)
 * @param workDoneByCaller          work items the caller ran itself for a remote CPU (qpw=1)
 * @param flushWaitMaxNs            longest flush_work wait on any CPU (wall): what the caller paid
 * @param hostStealShare            host steal over all CPUs' run time, 0..1 (kept apart from the figures)
 * @param fastPathNsPerOp           housekeeping fast path, ns per kmalloc/kfree in this row's mode
 *                                  (calibrated untraced; null when no kmalloc task ran)
 * @param fastPathLowNs             its 95 % interval, low end (null when not measured)
 * @param fastPathHighNs            its 95 % interval, high end (null when not measured)
 * @param ok                        no engine failure and the invariants held
 * @param note                      what went wrong when not ok, else ""
 */
@JsonPropertyOrder({"value", "qpw", "effectiveQpw", "cpus", "isolatedCpus", "durationNs", "interruptions",
        "interruptionsPerSec", "interruptionsSplit", "worstInterruptionKernelNs", "worstNoiseKernelNs", "workQueuedToIsolated",
        "workDoneByCaller", "flushWaitMaxNs", "hostStealShare", "fastPathNsPerOp", "fastPathLowNs", "fastPathHighNs",
        "ok", "note"})
public record SweepRow(String value, int qpw, int effectiveQpw, int cpus, int isolatedCpus, long durationNs,
                       long interruptions, double interruptionsPerSec, long interruptionsSplit,
                       long worstInterruptionKernelNs,
                       long worstNoiseKernelNs, long workQueuedToIsolated, long workDoneByCaller, long flushWaitMaxNs,
                       double hostStealShare, Double fastPathNsPerOp, Double fastPathLowNs, Double fastPathHighNs,
                       boolean ok, String note) {

    /**
     * @param failure the engine failure's description, or null
     */
    static SweepRow of(String value, int qpw, Summary s, String failure) {
        long interruptions = 0, split = 0, worstInterruption = 0, worstNoise = 0, queuedToIsolated = 0, flushWait = 0, steal = 0;
        int isolated = 0;
        for (Summary.CpuReport c : s.cpus()) {
            CpuMetrics m = c.metrics();
            flushWait = Math.max(flushWait, m.flushWaitMaxNs());
            steal += m.stealNs();
            if (!m.isolated()) continue;
            isolated++;
            interruptions += m.interruptions();
            worstNoise = Math.max(worstNoise, m.noiseMaxKernelNs());
            queuedToIsolated += m.workQueuedTo();
            split += c.interruptionList().size();
            for (Summary.Interruption i : c.interruptionList()) worstInterruption = Math.max(worstInterruption, i.kernelNs());
        }
        long ns = Math.max(1, s.durationNs());
        int cpus = s.cpus().size();
        boolean q1 = qpw == 1;
        String note = failure != null ? failure
                : s.invariants().ok() ? "" : "invariant violated: " + s.invariants().violations().getFirst();
        return new SweepRow(value, qpw, s.config().effectiveQpw(), cpus, isolated, s.durationNs(), interruptions,
                interruptions * 1e9 / ns, split, worstInterruption, worstNoise, queuedToIsolated, s.work().executedByCaller(),
                flushWait, cpus == 0 ? 0 : Math.min(1.0, (double) steal / ((double) ns * cpus)),
                q1 ? s.fastPathNsPerOpQpw1() : s.fastPathNsPerOpQpw0(),
                q1 ? s.fastPathNsPerOpQpw1Low() : s.fastPathNsPerOpQpw0Low(),
                q1 ? s.fastPathNsPerOpQpw1High() : s.fastPathNsPerOpQpw0High(),
                note.isEmpty(), note);
    }

    /** Whether {@link #worstInterruptionKernelNs} says something: no interruption, or some with their split. */
    public boolean worstInterruptionKnown() {
        return interruptions == 0 || interruptionsSplit > 0;
    }
}
