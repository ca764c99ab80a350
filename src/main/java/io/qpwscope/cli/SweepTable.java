package io.qpwscope.cli;

import io.qpwscope.sweep.SweepResult;
import io.qpwscope.sweep.SweepRow;
import java.io.PrintWriter;
import java.util.Locale;

/** The {@code sweep} command's table: one line per value and mode, kernel figures, host steal apart. */
final class SweepTable {
    private SweepTable() {}

    static void print(SweepResult r, PrintWriter out) {
        out.printf(Locale.ROOT, "sweep %s over %s, %d ms per run, both modes%n", r.scenario(), r.parameter(),
                r.durationNs() / 1_000_000);
        String head = "%-14s %3s %8s %8s %12s %12s %8s %8s %11s %22s %7s%n";
        boolean unsplit = false;
        out.printf(Locale.ROOT, head, "value", "qpw", "interr.", "per s", "worst kern", "noise kern",
                "queued→", "by", "flush wait", "fast path ns/op", "host");
        out.printf(Locale.ROOT, head, "", "", "(isol.)", "", "µs (isol.)", "µs (isol.)", "isol.", "caller",
                "max ms", "[95 % interval]", "steal");
        for (SweepRow row : r.rows()) {
            unsplit |= !row.worstInterruptionKnown();
            out.printf(Locale.ROOT, "%-14s %3d %8d %8.1f %12s %12.1f %8d %8d %11.1f %22s %6.0f%%%s%n",
                    row.value(), row.qpw(), row.interruptions(), row.interruptionsPerSec(),
                    row.worstInterruptionKnown() ? String.format(Locale.ROOT, "%.1f", row.worstInterruptionKernelNs() / 1e3) : "?", row.worstNoiseKernelNs() / 1e3, row.workQueuedToIsolated(),
                    row.workDoneByCaller(), row.flushWaitMaxNs() / 1e6, fastPath(row), 100 * row.hostStealShare(),
                    row.ok() ? "" : "  ! " + row.note());
        }
        if (unsplit) out.println("?: interruptions counted by the CPU but not in the trace, so without their kernel/steal split");
        if (r.cancelled()) out.println("(cancelled: " + r.rows().size() + " runs finished)");
        out.println("kernel figures: host steal and pause taken out; host steal (last column) is the share of run time"
                + " the CPU threads waited for a host core.");
    }

    private static String fastPath(SweepRow row) {
        if (row.fastPathNsPerOp() == null) return "-";
        return String.format(Locale.ROOT, "%.1f [%.1f–%.1f]", row.fastPathNsPerOp(), row.fastPathLowNs(), row.fastPathHighNs());
    }
}
