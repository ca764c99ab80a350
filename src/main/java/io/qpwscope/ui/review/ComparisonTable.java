package io.qpwscope.ui.review;

import io.qpwscope.recording.RecordingSummary;
import io.qpwscope.trace.CpuMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import io.qpwscope.ui.timeline.render.TimeFormat;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The summary numbers of two recordings side by side with B − A: interruptions and noise
 * (all CPUs and isolated CPUs), lock cost per operation, remote locking, work counts.
 */
public final class ComparisonTable extends TableView<ComparisonTable.Row> {
    /** One metric: its name, the two values and how they print. */
    public record Row(String metric, double a, double b, boolean duration) {
        public double difference() {
            return b - a;
        }

        String fmt(double v) {
            if (duration) return TimeFormat.duration(v);
            return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.1f", v);
        }

        String diff() {
            double d = difference();
            if (d == 0) return "0";
            String s = fmt(Math.abs(d));
            return (d > 0 ? "+" : "−") + s;
        }
    }

    public ComparisonTable() {
        TableColumn<Row, String> name = new TableColumn<>("metric");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().metric()));
        TableColumn<Row, String> a = new TableColumn<>("A");
        a.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().fmt(c.getValue().a())));
        TableColumn<Row, String> b = new TableColumn<>("B");
        b.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().fmt(c.getValue().b())));
        TableColumn<Row, String> d = new TableColumn<>("B − A");
        d.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().diff()));
        name.setPrefWidth(250);
        for (TableColumn<Row, String> col : List.of(a, b, d)) {
            col.setPrefWidth(105);
            col.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
        getColumns().setAll(List.of(name, a, b, d));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    public void show(RecordingSummary sa, RecordingSummary sb) {
        getItems().setAll(rows(sa, sb));
    }

    /** Adds the host's rows (steal + pause, kernel vs host part of interruptions) under the summary rows. */
    public void showHost(HostTotals ha, HostTotals hb) {
        getItems().addAll(hostRows(ha, hb));
    }

    /** The rows telling the host's share apart from the kernel's. */
    public static List<Row> hostRows(HostTotals a, HostTotals b) {
        return List.of(
                new Row("host steal + pause, worst CPU (% of wall)", 100 * nan0(a.worstHostShare()), 100 * nan0(b.worstHostShare()), false),
                new Row("isolated interruptions: kernel part", a.isolatedInterruptionNs() - a.isolatedInterruptionHostNs(),
                        b.isolatedInterruptionNs() - b.isolatedInterruptionHostNs(), true),
                new Row("isolated interruptions: host part", a.isolatedInterruptionHostNs(), b.isolatedInterruptionHostNs(), true),
                new Row("max interruption kernel part, isolated", a.isolatedInterruptionKernelMaxNs(),
                        b.isolatedInterruptionKernelMaxNs(), true));
    }

    private static double nan0(double v) {
        return Double.isNaN(v) ? 0 : Math.round(v * 1000) / 1000.0;
    }

    /** The rows shown for two summaries. */
    public static List<Row> rows(RecordingSummary sa, RecordingSummary sb) {
        List<Row> r = new ArrayList<>();
        CpuMetrics a = sa.all(), b = sb.all();
        r.add(new Row("qpw at boot", sa.effectiveQpw(), sb.effectiveQpw(), false));
        r.add(new Row("qpw switches (live)", sa.modeSwitches(), sb.modeSwitches(), false));
        r.add(new Row("interruptions, all CPUs", a.interruptions(), b.interruptions(), false));
        r.add(new Row("interruptions, isolated CPUs", isolated(sa, CpuMetrics::interruptions), isolated(sb, CpuMetrics::interruptions), false));
        r.add(new Row("max interruption", a.interruptionMaxNs(), b.interruptionMaxNs(), true));
        r.add(new Row("max noise, isolated CPUs", isolatedMax(sa, CpuMetrics::noiseMaxNs), isolatedMax(sb, CpuMetrics::noiseMaxNs), true));
        r.add(new Row("max noise, all CPUs", a.noiseMaxNs(), b.noiseMaxNs(), true));
        r.add(new Row("lock hold, ns/op (mean)", a.lockHoldMeanNs(), b.lockHoldMeanNs(), true));
        r.add(new Row("local lock ops", a.localLockOps(), b.localLockOps(), false));
        r.add(new Row("remote lock ops", a.remoteLockOps(), b.remoteLockOps(), false));
        r.add(new Row("spin waits", a.spinWaits(), b.spinWaits(), false));
        r.add(new Row("lock blocks (RT), isolated CPUs", isolated(sa, CpuMetrics::lockBlocks), isolated(sb, CpuMetrics::lockBlocks), false));
        r.add(new Row("PI boosts (RT)", a.piBoosts(), b.piBoosts(), false));
        r.add(new Row("work queued", a.workQueuedBy(), b.workQueuedBy(), false));
        r.add(new Row("work executed", a.workExecutedOn(), b.workExecutedOn(), false));
        r.add(new Row("work run inline by caller", a.workExecutedInline(), b.workExecutedInline(), false));
        r.add(new Row("max flush wait", a.flushWaitMaxNs(), b.flushWaitMaxNs(), true));
        r.add(new Row("events", sa.events(), sb.events(), false));
        r.add(new Row("overruns", sa.overruns(), sb.overruns(), false));
        r.add(new Row("duration", sa.durationNs(), sb.durationNs(), true));
        return r;
    }

    private static double isolated(RecordingSummary s, ToDoubleFunction<CpuMetrics> f) {
        double n = 0;
        for (CpuMetrics c : s.cpus()) if (c.isolated()) n += f.applyAsDouble(c);
        return n;
    }

    private static double isolatedMax(RecordingSummary s, ToDoubleFunction<CpuMetrics> f) {
        double n = 0;
        for (CpuMetrics c : s.cpus()) if (c.isolated()) n = Math.max(n, f.applyAsDouble(c));
        return n;
    }
}
