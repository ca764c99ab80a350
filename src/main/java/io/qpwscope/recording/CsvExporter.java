package io.qpwscope.recording;

import io.qpwscope.trace.CpuMetrics;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.trace.Trigger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Exports a recording as two CSV files (RFC 4180, UTF-8, header row, '\n' line ends):
 * <ul>
 * <li>events: {@code ts_ns,cpu,type,peer,function,aux,payload}, one row per event, all CPUs
 *     merged in time order (ties by cpu). type is the {@link EventType} label; peer is empty
 *     for "none"; function is the {@link Site} kernel name, for triggers the
 *     {@link Trigger} id, for host splits the type of the interval split, empty if none.</li>
 * <li>stats: one row per CPU and a last row {@code all}: the {@link MetricColumn#RECORDING} columns.</li>
 * </ul>
 * Output naming ({@link #outputs}): if {@code --out} is an existing directory (or ends in
 * '/'), the files are {@code DIR/NAME-events.csv} and {@code DIR/NAME-stats.csv} with NAME
 * the recording's file name without extension; otherwise {@code --out} is a prefix (a
 * trailing ".csv" dropped): {@code PREFIX-events.csv} and {@code PREFIX-stats.csv}.
 */
public final class CsvExporter {
    public static final String EVENTS_HEADER = "ts_ns,cpu,type,peer,function,aux,payload";

    private CsvExporter() {}

    public record Outputs(Path events, Path stats) {
        public List<Path> all() {
            return List.of(events, stats);
        }
    }

    /** The two output paths for {@code out} (a directory or a prefix) and a recording file name. */
    public static Outputs outputs(Path out, String recordingFileName) {
        String s = out.toString();
        if (Files.isDirectory(out) || s.endsWith("/") || s.endsWith(java.io.File.separator)) {
            String name = recordingFileName;
            if (name.endsWith(RecordingFileDescriptor.PARTIAL_SUFFIX)) {
                name = name.substring(0, name.length() - RecordingFileDescriptor.PARTIAL_SUFFIX.length());
            }
            int dot = name.lastIndexOf('.');
            if (dot > 0) name = name.substring(0, dot);
            return new Outputs(out.resolve(name + "-events.csv"), out.resolve(name + "-stats.csv"));
        }
        String prefix = out.getFileName().toString();
        if (prefix.toLowerCase(Locale.ROOT).endsWith(".csv")) prefix = prefix.substring(0, prefix.length() - 4);
        return new Outputs(out.resolveSibling(prefix + "-events.csv"), out.resolveSibling(prefix + "-stats.csv"));
    }

    /** Writes both files (each via temp file + atomic rename; both renamed only once both are complete). */
    public static void export(Recording rec, Outputs out, ProgressListener progress) throws IOException {
        try (AtomicFile events = AtomicFile.create(out.events()); AtomicFile stats = AtomicFile.create(out.stats())) {
            Writer ew = writer(events);
            writeEvents(rec, ew, progress);
            ew.flush();
            Writer sw = writer(stats);
            writeStats(RecordingSummary.of(rec), sw);
            sw.flush();
            events.commit();
            stats.commit();
        }
    }

    private static Writer writer(AtomicFile f) {
        return new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(f.channel()), StandardCharsets.UTF_8), 1 << 16);
    }

    /** Events in time order over all CPUs (a k-way merge of the lanes). */
    public static void writeEvents(Recording rec, Writer w, ProgressListener progress) throws IOException {
        w.write(EVENTS_HEADER);
        w.write('\n');
        int n = rec.cpus();
        LaneEvents[] lanes = new LaneEvents[n];
        int[] pos = new int[n];
        int[] end = new int[n];
        // binary min-heap of lane numbers, keyed by (ts of the lane's next event, cpu)
        int[] heap = new int[n];
        int size = 0;
        for (int c = 0; c < n; c++) {
            lanes[c] = rec.lane(c);
            end[c] = lanes[c].size();
            pos[c] = Math.min(lanes[c].firstIndex(), end[c]);
            if (end[c] > 0) heap[size++] = c;
        }
        for (int k = size / 2 - 1; k >= 0; k--) siftDown(heap, size, k, lanes, pos);
        long total = rec.eventCount();
        long done = 0;
        StringBuilder row = new StringBuilder(128);
        while (size > 0) {
            int c = heap[0];
            LaneEvents lane = lanes[c];
            int i = pos[c];
            row.setLength(0);
            eventRow(row, lane.ts(i), lane.meta(i), lane.payload(i));
            w.append(row);
            if (++pos[c] == end[c]) heap[0] = heap[--size];
            siftDown(heap, size, 0, lanes, pos);
            if ((++done & 0xFFFF) == 0) {
                if (progress.isCancelled()) throw new CancellationException("export cancelled");
                progress.progress(done, total);
            }
        }
        progress.progress(done, total);
    }

    private static void siftDown(int[] heap, int size, int k, LaneEvents[] lanes, int[] pos) {
        while (true) {
            int l = 2 * k + 1;
            if (l >= size) return;
            int m = l + 1 < size && before(heap[l + 1], heap[l], lanes, pos) ? l + 1 : l;
            if (!before(heap[m], heap[k], lanes, pos)) return;
            int t = heap[m];
            heap[m] = heap[k];
            heap[k] = t;
            k = m;
        }
    }

    private static boolean before(int a, int b, LaneEvents[] lanes, int[] pos) {
        long ta = lanes[a].ts(pos[a]);
        long tb = lanes[b].ts(pos[b]);
        return ta < tb || ta == tb && a < b;
    }

    static void eventRow(StringBuilder row, long ts, long meta, long payload) {
        int type = TraceDescriptor.type(meta);
        EventType t = EventType.ofCode(type);
        int peer = TraceDescriptor.peer(meta);
        int fn = TraceDescriptor.fn(meta);
        row.append(ts).append(',').append(TraceDescriptor.cpu(meta)).append(',');
        row.append(t == null ? "type#" + type : t.label).append(',');
        if (peer >= 0) row.append(peer);
        row.append(',');
        if (fn != 0) field(row, functionName(t, fn));
        row.append(',').append(TraceDescriptor.aux(meta)).append(',').append(payload).append('\n');
    }

    /** A trigger's id, a host split's interval type (HOST_SPLIT's fn is an EventType code), else the site. */
    private static String functionName(EventType t, int fn) {
        if (t == EventType.TRIGGER) return Trigger.ofCode(fn).id;
        if (t == EventType.HOST_SPLIT) {
            EventType of = EventType.ofCode(fn);
            return of == null ? "type#" + fn : of.label;
        }
        return Site.ofCode(fn).kernelName;
    }

    public static void writeStats(RecordingSummary s, Writer w) throws IOException {
        StringBuilder row = new StringBuilder("cpu,isolated");
        for (MetricColumn m : MetricColumn.RECORDING) row.append(',').append(m.csvName());
        w.write(row.append('\n').toString());
        for (CpuMetrics c : s.cpus()) w.write(statsRow(c));
        w.write(statsRow(s.all()));
    }

    private static String statsRow(CpuMetrics c) {
        StringBuilder row = new StringBuilder();
        row.append(c.cpu() == CpuMetrics.ALL_CPUS ? "all" : Integer.toString(c.cpu())).append(',');
        row.append(c.cpu() == CpuMetrics.ALL_CPUS ? "" : Boolean.toString(c.isolated()));
        for (Number v : MetricColumn.values(c)) {
            row.append(',');
            if (v instanceof Double d) row.append(String.format(Locale.ROOT, "%.1f", d));
            else row.append(v);
        }
        return row.append('\n').toString();
    }

    /** Appends a CSV field, quoted if it holds a comma, quote or line break. */
    static void field(StringBuilder row, String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        if (!quote) {
            row.append(s);
            return;
        }
        row.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') row.append('"');
            row.append(ch);
        }
        row.append('"');
    }
}
