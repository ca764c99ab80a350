package io.qpwscope.ui.capture;

import io.qpwscope.ftrace.capture.Capture;
import io.qpwscope.ftrace.capture.CaptureFigures;
import io.qpwscope.trace.Recording;

/** What the capture dialog runs: this machine's kernel, or a stand-in in tests. */
public interface Capturer {
    /** A recording made and its one-line headline. */
    record Captured(Recording recording, String headline) {}

    /** @return null if a capture on {@code cpu} can run here, else the one-line reason it cannot */
    String unavailable(int cpu);

    /** Runs a capture off the FX thread; throws {@link Capture.CancelledException} when {@code progress} was cancelled. */
    Captured capture(Capture.Options options, Capture.Progress progress) throws Exception;

    /** The running kernel, through the same code as the {@code capture} command. */
    Capturer THIS_MACHINE = new Capturer() {
        @Override
        public String unavailable(int cpu) {
            return Capture.unavailable(cpu);
        }

        @Override
        public Captured capture(Capture.Options o, Capture.Progress progress) throws Exception {
            Capture.Result r = Capture.run(o, progress);
            Recording rec = r.imported().recording();
            CaptureFigures f = CaptureFigures.of(rec, o.cpu(), r.triggerCpu());
            String line = String.format("CPU %d: %d kworker interruptions (longest %.3f ms); CPU %d: %d flush waits (longest %.3f ms); %d triggers",
                    o.cpu(), f.interruptions(), f.longestInterruptionNs() / 1e6, r.triggerCpu(), f.flushWaits(),
                    f.longestFlushWaitNs() / 1e6, r.triggers());
            if (!r.missingEvents().isEmpty()) line += "; this kernel has no " + String.join(", ", r.missingEvents());
            return new Captured(rec, line);
        }
    };
}
