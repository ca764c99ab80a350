package io.qpwscope.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's rows as CSV: a header of {@link SweepRow}'s field names, then one line per row.
 * {@link #write} replaces the file atomically: a reader sees the old file or the new one.
 */
public final class SweepCsv {
    static final String HEADER = "parameter,value,qpw,effectiveQpw,cpus,isolatedCpus,durationNs,interruptions,"
            + "interruptionsPerSec,interruptionsSplit,worstInterruptionKernelNs,worstNoiseKernelNs,workQueuedToIsolated,workDoneByCaller,"
            + "flushWaitMaxNs,hostStealShare,fastPathNsPerOp,fastPathLowNs,fastPathHighNs,ok,note";

    private SweepCsv() {}

    public static String format(SweepResult result) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (SweepRow r : result.rows()) {
            List<Object> cells = List.of(result.parameter(), r.value(), r.qpw(), r.effectiveQpw(), r.cpus(), r.isolatedCpus(),
                    r.durationNs(), r.interruptions(), num(r.interruptionsPerSec()), r.interruptionsSplit(), r.worstInterruptionKernelNs(),
                    r.worstNoiseKernelNs(), r.workQueuedToIsolated(), r.workDoneByCaller(), r.flushWaitMaxNs(),
                    num(r.hostStealShare()), num(r.fastPathNsPerOp()), num(r.fastPathLowNs()), num(r.fastPathHighNs()),
                    r.ok(), r.note());
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) sb.append(',');
                sb.append(cell(String.valueOf(cells.get(i))));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes to a temporary file beside {@code out}, then moves it over {@code out}. */
    public static void write(SweepResult result, Path out) throws IOException {
        Path abs = out.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, format(result), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String num(Double d) {
        return d == null || d.isNaN() ? "" : String.format(Locale.ROOT, "%.4f", d);
    }

    private static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
