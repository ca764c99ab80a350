package io.qpwscope.engine;

import io.qpwscope.trace.CpuMetrics;

import java.util.List;

/**
 * A cheap snapshot of the engine's counters, for dashboards a few times a second.
 *
 * @param cpus         per-CPU counters (no {@code events}, lock holds or spin maxima: the trace has those)
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
public record EngineStats(List<CpuMetrics> cpus, int qpw, long workQueued, long workExecuted, long traceEvents,
                          long overruns, long elapsedNs, double fastPathNsPerOpQpw0, double fastPathNsPerOpQpw1,
                          long modeSwitches, double fastPathNsPerOpQpw0Low, double fastPathNsPerOpQpw0High,
                          double fastPathNsPerOpQpw1Low, double fastPathNsPerOpQpw1High) {

    /** Sum of interruptions over isolated CPUs. */
    public long isolatedInterruptions() {
        long n = 0;
        for (CpuMetrics c : cpus) if (c.isolated()) n += c.interruptions();
        return n;
    }

    /** Max single interruption over isolated CPUs. */
    public long isolatedInterruptionMaxNs() {
        long n = 0;
        for (CpuMetrics c : cpus) if (c.isolated()) n = Math.max(n, c.interruptionMaxNs());
        return n;
    }

    public long remoteLockOps() {
        long n = 0;
        for (CpuMetrics c : cpus) n += c.remoteLockOps();
        return n;
    }
}
