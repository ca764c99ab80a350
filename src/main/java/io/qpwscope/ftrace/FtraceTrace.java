package io.qpwscope.ftrace;

import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.TraceDescriptor;

import java.util.Arrays;

/**
 * What {@link FtraceParser} read: the records in file order (absolute trace-clock ns) and counts
 * of what was skipped.
 *
 * @param rows          ts, meta, payload per record (3 longs each), {@code count} records
 * @param count         number of records
 * @param maxCpu        highest CPU seen on an event line (-1 if none)
 * @param eventLines    event lines read
 * @param unknownEvents event lines of tracepoints not imported (counted and skipped)
 * @param otherLines    non-comment lines that are not events (e.g. {@code CPU:2 [LOST 5 EVENTS]})
 * @param unmatchedEnds workqueue_execute_end lines whose start preceded the trace
 * @param lostEvents    events the kernel reported lost ({@code CPU:n [LOST k EVENTS]}), kept as the recording's overruns
 * @param skipped       text lines skipped, indexed by {@link Skip#ordinal()}
 * @param firstMalformedLine line number of the first {@link Skip#MALFORMED} line, 0 if none
 * @param flushWaits    FLUSH_WAIT records derived
 * @param bootLine      the traced kernel's command line if the capture records it in a comment
 *                      (a {@code #} line with {@code isolcpus=} or {@code nohz_full=}), else ""
 */
public record FtraceTrace(long[] rows, int count, int maxCpu, long eventLines, long unknownEvents, long otherLines,
                          long unmatchedEnds, long lostEvents, long[] skipped, int firstMalformedLine, long flushWaits,
                          String bootLine) {

    /** Kinds of text lines an import skips and counts. */
    public enum Skip {
        FUNCTION("function-tracer lines"),
        STACK_TRACE("stack traces"),
        STACK_ENTRY("stack trace lines"),
        SYSCALL("syscall lines"),
        OTHER_TEXT("lines of other tracer output"),
        MALFORMED("event lines whose fields did not read"),
        NOT_FTRACE("lines that are not ftrace");

        public final String label;

        Skip(String label) {
            this.label = label;
        }
    }

    /** @return how many lines of {@code kind} were skipped */
    public long skipped(Skip kind) {
        return skipped.length > kind.ordinal() ? skipped[kind.ordinal()] : 0;
    }

    /**
     * One line for a user: {@code skipped 1,203 function-tracer lines, 3 stack traces, 40 events of other
     * tracepoints}, or {@code ""} if nothing was skipped.
     */
    public String skipSummary() {
        StringBuilder b = new StringBuilder();
        for (Skip k : Skip.values()) {
            if (k == Skip.STACK_ENTRY || skipped(k) == 0) continue;
            b.append(b.isEmpty() ? "skipped " : ", ").append(String.format("%,d %s", skipped(k), k.label));
            if (k == Skip.MALFORMED) b.append(" (first at line ").append(firstMalformedLine).append(')');
        }
        if (unknownEvents > 0) b.append(b.isEmpty() ? "skipped " : ", ").append(String.format("%,d events of other tracepoints", unknownEvents));
        return b.toString();
    }

    /** Earliest record timestamp: the recording's ts = 0 (0 if there are no records). */
    public long originNs() {
        long o = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) o = Math.min(o, rows[3 * i]);
        return count == 0 ? 0 : o;
    }

    /**
     * Builds a recording whose lanes hold the records of each CPU in non-decreasing ts order
     * (ftrace text is sorted globally; noise records, stamped at their end, may not be), ts
     * relative to {@link #originNs()}.
     */
    public Recording toRecording(RecordingMeta meta) {
        if (meta.cpus() <= maxCpu) throw new IllegalArgumentException("the trace has CPU " + maxCpu + " but the recording only " + meta.cpus() + " CPUs");
        Recording rec = new Recording(meta);
        long origin = originNs();
        int[] perCpu = new int[maxCpu + 2];
        for (int i = 0; i < count; i++) perCpu[TraceDescriptor.cpu(rows[3 * i + 1]) + 1]++;
        for (int c = 1; c < perCpu.length; c++) perCpu[c] += perCpu[c - 1];
        int[] order = new int[count];
        int[] fill = perCpu.clone();
        for (int i = 0; i < count; i++) order[fill[TraceDescriptor.cpu(rows[3 * i + 1])]++] = i; // by CPU, file order kept
        for (int c = 0; c + 1 < perCpu.length; c++) sortLaneByTs(order, perCpu[c], perCpu[c + 1]);
        for (int i : order) rec.append(rows[3 * i] - origin, rows[3 * i + 1], rows[3 * i + 2]);
        rec.setOverruns(lostEvents);
        return rec;
    }

    /** Stable sort of {@code order[from, to)} by ts; most lanes are already in order and are left as they are. */
    private void sortLaneByTs(int[] order, int from, int to) {
        boolean sorted = true;
        for (int k = from + 1; k < to && sorted; k++) sorted = rows[3 * order[k - 1]] <= rows[3 * order[k]];
        if (sorted) return;
        Integer[] boxed = new Integer[to - from];
        for (int k = from; k < to; k++) boxed[k - from] = order[k];
        // stable: records with equal ts keep file order (a switch before the interruption it ends)
        Arrays.sort(boxed, (a, b) -> Long.compare(rows[3 * a], rows[3 * b]));
        for (int k = from; k < to; k++) order[k] = boxed[k - from];
    }
}
