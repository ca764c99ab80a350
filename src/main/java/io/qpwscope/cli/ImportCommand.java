package io.qpwscope.cli;

import io.qpwscope.ftrace.FtraceFormatException;
import io.qpwscope.ftrace.FtraceImport;
import io.qpwscope.ftrace.FtraceTrace;
import io.qpwscope.scenario.CpuList;
import io.qpwscope.scenario.ValueSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code import TRACE.txt|TRACE.dat --out FILE.qpwrec [--cpus N] [--isolated LIST] [--buffer NAME]}: a
 * kernel ftrace text dump or a trace-cmd trace.dat as a recording. Exit 0, or 2 on bad input with one line on stderr naming file and line.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a kernel ftrace text dump or a trace-cmd trace.dat (workqueue, sched_switch, osnoise events) as a recording.")
public final class ImportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "ftrace text (cat /sys/kernel/tracing/trace) or trace-cmd trace.dat (v6, v7)")
    Path trace;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "recording to write (.qpwrec)")
    Path out;

    @Option(names = "--cpus", paramLabel = "N", description = "CPU count (default: highest CPU in the trace + 1)")
    Integer cpus;

    @Option(names = "--isolated", paramLabel = "LIST", description = "isolated CPUs of the traced machine, e.g. 2-3")
    String isolated;

    @Option(names = "--buffer", paramLabel = "NAME", description = "trace.dat: the instance buffer to import (default: the first with data)")
    String buffer;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        long mask = 0;
        if (isolated != null) {
            try {
                mask = CpuList.parse(isolated).bits();
            } catch (ValueSyntaxException e) {
                err.println("import: --isolated: " + e.getMessage());
                return 2;
            }
        }
        try {
            long t0 = System.nanoTime();
            FtraceImport.Progress progress = (done, total) -> {
                long ns = System.nanoTime() - t0;
                if (ns < 1_000_000_000L) return;
                err.printf("\rimport: %3d%% (%,d of %,d MB, %,.0f MB/s)", total > 0 ? done * 100 / total : 0,
                        done >> 20, total >> 20, done / 1e6 / (ns / 1e9));
                err.flush();
            };
            FtraceImport.Result r = FtraceImport.importFile(trace, this.out, cpus, mask, buffer, progress);
            if (System.nanoTime() - t0 >= 1_000_000_000L) err.println();
            FtraceTrace t = r.trace();
            out.printf("imported %,d events on %d CPUs from %,d event lines (%,d of other tracepoints skipped) -> %s%n",
                    r.recording().eventCount(), r.recording().cpus(), t.eventLines(), t.unknownEvents(), this.out);
            if (t.flushWaits() > 0) out.printf("derived %,d flush waits (flush_work barriers)%n", t.flushWaits());
            String skipped = t.skipSummary();
            if (!skipped.isEmpty()) out.println(skipped);
            if (t.lostEvents() > 0) err.println("import: warning: the kernel lost " + t.lostEvents() + " events (kept as overruns)");
            out.flush();
            return 0;
        } catch (FtraceFormatException e) {
            err.println("import: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            err.println("import: " + e.getMessage());
        } catch (IOException e) {
            err.println("import: " + CliErrors.describe(e));
        }
        return 2;
    }
}
