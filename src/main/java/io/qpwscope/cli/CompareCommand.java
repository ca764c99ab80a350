package io.qpwscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
 * {@code compare A B [--json]}: per-CPU summary numbers of two recordings side by side, as a
 * table or one JSON object {@code {"a": {"file":..., summary...}, "b": {...}}}. Exit 0, or 2
 * on bad input with one line on stderr.
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

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        LoadedRecording ra = load(a, err);
        if (ra == null) return 2;
        LoadedRecording rb = load(b, err);
        if (rb == null) return 2;
        RecordingComparison cmp = RecordingComparison.of(ra.recording(), rb.recording());
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("a", side(a, ra, cmp.a()));
            root.put("b", side(b, rb, cmp.b()));
            try {
                out.println(new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).writeValueAsString(root));
            } catch (IOException e) {
                err.println("compare: " + CliErrors.describe(e));
                return 2;
            }
        } else {
            table(out, cmp);
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
        m.put("summary", s);
        return m;
    }

    private void table(PrintWriter out, RecordingComparison cmp) {
        RecordingSummary sa = cmp.a();
        RecordingSummary sb = cmp.b();
        String f = "%-24s %18s %18s %14s%n";
        out.printf(f, "", "A", "B", "B-A");
        out.printf(f, "file", shorten(a.getFileName().toString()), shorten(b.getFileName().toString()), "");
        out.printf(f, "scenario", shorten(sa.scenario()), shorten(sb.scenario()), "");
        out.printf(f, "qpw at boot", sa.effectiveQpw(), sb.effectiveQpw(), "");
        out.printf(f, "qpw switches", sa.modeSwitches(), sb.modeSwitches(), "");
        out.printf(f, "duration ms", millis(sa.durationNs()), millis(sb.durationNs()), "");
        out.printf(f, "events", group(sa.events()), group(sb.events()), delta(sa.events(), sb.events()));
        out.printf(f, "overruns", group(sa.overruns()), group(sb.overruns()), delta(sa.overruns(), sb.overruns()));
        block(out, f, "all cpus", sa.all(), sb.all());
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
