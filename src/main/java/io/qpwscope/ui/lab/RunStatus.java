package io.qpwscope.ui.lab;

import io.qpwscope.engine.Engine;
import io.qpwscope.engine.EngineStats;
import io.qpwscope.engine.host.HostCores;
import io.qpwscope.trace.RecordingWindow;

/**
 * What the status line and the machine summary show about the current run, read from the
 * engine a few times a second (never per event), so that views need not hold the engine.
 *
 * @param running        whether the engine's CPU threads run
 * @param elapsedNs      time since the run started
 * @param cpus           emulated CPUs
 * @param physicalCores  cores of the host
 * @param pinned         whether the CPU threads are pinned to cores
 * @param records        trace records collected so far
 * @param overruns       records lost to full rings
 * @param recordingBytes memory held by the recording (heap and off-heap)
 * @param failedThread   the engine thread whose failure stopped the run, null if none
 * @param window         what the live recording still holds in memory (its rolling window)
 * @param hostNote       one line when emulated CPUs + UI exceed the host's cores ("" otherwise)
 */
public record RunStatus(boolean running, long elapsedNs, int cpus, int physicalCores, boolean pinned,
                        long records, long overruns, long recordingBytes, String failedThread,
                        RecordingWindow window, String hostNote) {

    static RunStatus of(Engine e, EngineStats s) {
        return new RunStatus(e.running(), s.elapsedNs(), e.recording().cpus(), e.physicalCores(), e.pinned(),
                s.traceEvents(), s.overruns(), EngineSession.recordingBytes(e),
                e.failure().map(f -> f.thread()).orElse(null), e.recording().window(),
                Host.CORES.oversubscription(e.recording().cpus(), true));
    }

    /** The host's cores, read once. */
    private static final class Host {
        static final HostCores CORES = HostCores.detect();
    }
}
