package io.qpwscope.cli;

import io.qpwscope.ftrace.FtraceFormatException;
import io.qpwscope.ftrace.FtraceTrace;
import io.qpwscope.ftrace.capture.Capture;
import io.qpwscope.ftrace.capture.CaptureFigures;
import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.trace.Recording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code capture --cpu=N --seconds=S --out FILE [--period-ms 200]}: records the seed's reproducer on this
 * machine's kernel (Linux, root). Exit 0, or 2 with one line on stderr if it cannot run here.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = "Record the seed's reproducer on this kernel: a SCHED_FIFO loop pinned to --cpu while another CPU "
                + "fires lru_add_drain_all (echo 1 > /proc/sys/vm/compact_memory), traced with ftrace (root).")
public final class CaptureCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--cpu", required = true, paramLabel = "N", description = "CPU for the FIFO loop (the isolated CPU under study)")
    int cpu;

    @Option(names = "--seconds", defaultValue = "3", paramLabel = "S", description = "how long the loop runs (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--period-ms", defaultValue = "200", paramLabel = "MS", description = "time between drain triggers (default: ${DEFAULT-VALUE})")
    long periodMs;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "recording to write (.qpwrec)")
    Path out;

    @Option(names = "--raw", paramLabel = "FILE", description = "also keep the kernel's ftrace text as read (to check the import, "
            + "or to import again with `import FILE --isolated N`)")
    Path raw;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        if (seconds <= 0 || seconds > 60) {
            err.println("capture: --seconds " + seconds + " is outside (0, 60]");
            return 2;
        }
        String why = Capture.unavailable(cpu);
        if (why != null) {
            err.println("capture: " + why);
            return 2;
        }
        try {
            Capture.Result r = Capture.run(new Capture.Options(cpu, seconds, periodMs, raw));
            Recording rec = r.imported().recording();
            RecordingFiles.save(rec, out, List.of());
            FtraceTrace t = r.imported().trace();
            CaptureFigures f = CaptureFigures.of(rec, cpu, r.triggerCpu());
            o.printf("captured %,d events on %d CPUs (%d drain triggers from CPU %d) -> %s%n",
                    rec.eventCount(), rec.cpus(), r.triggers(), r.triggerCpu(), out);
            o.printf("CPU %d (FIFO loop, isolated): %d kworker interruptions, longest %.3f ms; CPU %d: %d flush waits, longest %.3f ms%n",
                    cpu, f.interruptions(), f.longestInterruptionNs() / 1e6, r.triggerCpu(), f.flushWaits(), f.longestFlushWaitNs() / 1e6);
            if (!r.missingEvents().isEmpty()) err.println("capture: warning: this kernel has no " + String.join(", ", r.missingEvents()));
            if (t.lostEvents() > 0) err.println("capture: warning: the kernel lost " + t.lostEvents() + " events (kept as overruns)");
            o.flush();
            return 0;
        } catch (IOException e) {
            err.println("capture: " + CliErrors.describe(e));
        } catch (FtraceFormatException | IllegalArgumentException e) {
            err.println("capture: " + e.getMessage());
        }
        return 2;
    }
}
