package io.qpwscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qpwscope.ftrace.RecordingSource;
import io.qpwscope.recording.LoadNotice;
import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.MetricColumn;
import io.qpwscope.recording.ProgressListener;
import io.qpwscope.recording.RecordingComparison;
import io.qpwscope.recording.RecordingFormatException;
import io.qpwscope.recording.RecordingReader;
import io.qpwscope.recording.RecordingSummary;
import io.qpwscope.trace.CpuMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code compare A B [--json] [--map A_CPU:B_CPU]...}: per-CPU summary numbers of two recordings side by side, as a
 * table or one JSON object {@code {"a": {"file":..., "source":..., summary...}, "b": {...}}}; each side says
 * whether it comes from a real kernel or from the model. {@code --map 1:3} puts CPU 1 of A beside CPU 3 of B
 * (e.g. a capture's isolated CPU beside the emulated one). Exit 0, or 2 on bad input with one line on stderr.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two recordings: interruptions, noise, lock and work numbers per CPU.")
public final class CompareCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "first recording (.qpwrec)")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "second recording (.qpwrec)")
    Path b;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Option(names = "--map", paramLabel = "A_CPU:B_CPU", description = "compare CPU A_CPU of A with CPU B_CPU of B (repeatable); "
            + "then only the mapped CPUs are listed")
    java.util.List<String> map = new java.util.ArrayList<>();

    private int[][] pairs;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        LoadedRecording ra = load(a, err);
        if (ra == null) return 2;
        LoadedRecording rb = load(b, err);
        if (rb == null) return 2;
        RecordingComparison cmp = RecordingComparison.of(ra.recording(), rb.recording());
        try {
            pairs = pairs(map, cmp.a().cpus().size(), cmp.b().cpus().size());
        } catch (IllegalArgumentException e) {
            err.println("compare: --map: " + e.getMessage());
            return 2;
        }
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("a", side(a, ra, cmp.a()));
            root.put("b", side(b, rb, cmp.b()));
            if (pairs != null) root.put("map", pairs);
            try {
                out.println(new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).writeValueAsString(root));
            } catch (IOException e) {
                err.println("compare: " + CliErrors.describe(e));
                return 2;
            }
        } else {
            table(out, cmp, RecordingSource.of(ra.recording().meta()), RecordingSource.of(rb.recording().meta()));
        }
        out.flush();
        return 0;
    }

    private static LoadedRecording load(Path p, PrintWriter err) {
        try {
            LoadedRecording r = RecordingReader.load(p, ProgressListener.NONE);
            for (LoadNotice n : r.notices()) err.println("compare: warning: " + p + ": " + n.message());
            return r;
        } catch (RecordingFormatException e) {
            err.println("compare: " + p + ": " + e.getMessage());
        } catch (IOException e) {
            err.println("compare: cannot read " + CliErrors.describe(e));
        }
        return null;
    }

    private static Map<String, Object> side(Path file, LoadedRecording r, RecordingSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("complete", r.complete());
        RecordingSource src = RecordingSource.of(r.recording().meta());
        m.put("source", src.name().toLowerCase(Locale.ROOT));
        m.put("realKernel", src.realKernel);
        m.put("summary", s);
        return m;
    }

    /** Parses {@code 1:3} pairs; null if there are none. */
    static int[][] pairs(java.util.List<String> map, int cpusA, int cpusB) {
        if (map == null || map.isEmpty()) return null;
        int[][] p = new int[map.size()][];
        for (int i = 0; i < p.length; i++) {
            String[] ab = map.get(i).split(":");
            if (ab.length != 2 || !ab[0].strip().matches("\\d{1,4}") || !ab[1].strip().matches("\\d{1,4}")) {
                throw new IllegalArgumentException("\"" + map.get(i) + "\" is not A_CPU:B_CPU (e.g. 1:3)");
            }
            int x = Integer.parseInt(ab[0].strip()), y = Integer.parseInt(ab[1].strip());
            if (x >= cpusA) throw new IllegalArgumentException("A has no CPU " + x + " (it has " + cpusA + ")");
            if (y >= cpusB) throw new IllegalArgumentException("B has no CPU " + y + " (it has " + cpusB + ")");
            p[i] = new int[] {x, y};
        }
        return p;
    }

    private void table(PrintWriter out, RecordingComparison cmp, RecordingSource srcA, RecordingSource srcB) {
        RecordingSummary sa = cmp.a();
        RecordingSummary sb = cmp.b();
        String f = "%-24s %18s %18s %14s%n";
        out.printf(f, "", "A (" + (srcA.realKernel ? "real kernel" : "model") + ")",
                "B (" + (srcB.realKernel ? "real kernel" : "model") + ")", "B-A");
        out.printf(f, "file", shorten(a.getFileName().toString()), shorten(b.getFileName().toString()), "");
        out.printf(f, "scenario", shorten(sa.scenario()), shorten(sb.scenario()), "");
        out.printf(f, "source", srcA.realKernel ? "real kernel" : "model", srcB.realKernel ? "real kernel" : "model", "");
        out.printf(f, "qpw at boot", sa.effectiveQpw(), sb.effectiveQpw(), "");
        out.printf(f, "qpw switches", sa.modeSwitches(), sb.modeSwitches(), "");
        out.printf(f, "duration ms", millis(sa.durationNs()), millis(sb.durationNs()), "");
        out.printf(f, "events", group(sa.events()), group(sb.events()), delta(sa.events(), sb.events()));
        out.printf(f, "overruns", group(sa.overruns()), group(sb.overruns()), delta(sa.overruns(), sb.overruns()));
        block(out, f, "all cpus", sa.all(), sb.all());
        if (pairs != null) {
            for (int[] p : pairs) {
                CpuMetrics ca = sa.cpus().get(p[0]);
                CpuMetrics cb = sb.cpus().get(p[1]);
                block(out, f, "A cpu/" + p[0] + (ca.isolated() ? " (isolated)" : "") + " vs B cpu/" + p[1]
                        + (cb.isolated() ? " (isolated)" : ""), ca, cb);
            }
            return;
        }
        int n = Math.max(sa.cpus().size(), sb.cpus().size());
        for (int c = 0; c < n; c++) {
            CpuMetrics ca = c < sa.cpus().size() ? sa.cpus().get(c) : null;
            CpuMetrics cb = c < sb.cpus().size() ? sb.cpus().get(c) : null;
            boolean iso = ca != null ? ca.isolated() : cb.isolated();
            block(out, f, "cpu/" + c + (iso ? " (isolated)" : ""), ca, cb);
        }
    }

    private static void block(PrintWriter out, String f, String title, CpuMetrics ca, CpuMetrics cb) {
        out.println();
        out.println(title);
        Number[] va = ca == null ? null : MetricColumn.values(ca);
        Number[] vb = cb == null ? null : MetricColumn.values(cb);
        for (int i = 0; i < MetricColumn.RECORDING.size(); i++) {
            Number x = va == null ? null : va[i];
            Number y = vb == null ? null : vb[i];
            out.printf(f, "  " + MetricColumn.RECORDING.get(i).csvName(), fmt(x), fmt(y), x == null || y == null ? "" : deltaOf(x, y));
        }
    }

    private static String fmt(Number v) {
        if (v == null) return "-";
        if (v instanceof Double d) return String.format(Locale.ROOT, "%,.1f", d);
        return group(v.longValue());
    }

    private static String deltaOf(Number x, Number y) {
        if (x instanceof Double || y instanceof Double) {
            return String.format(Locale.ROOT, "%+,.1f", y.doubleValue() - x.doubleValue());
        }
        return delta(x.longValue(), y.longValue());
    }

    private static String delta(long x, long y) {
        return String.format(Locale.ROOT, "%+,d", y - x);
    }

    private static String group(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String millis(long ns) {
        return String.format(Locale.ROOT, "%,.3f", ns / 1e6);
    }

    private static String shorten(String s) {
        return s == null ? "-" : s.length() <= 18 ? s : s.substring(0, 17) + "…";
    }
}
