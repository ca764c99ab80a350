package io.qpwscope.ui.sweep;

import io.qpwscope.sweep.SweepRow;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Every figure of every run, one line per value and mode: what the charts leave out (flush waits, pending work, steal). */
final class RowTable extends TableView<SweepRow> {
    RowTable() {
        col("value", SweepRow::value, 90);
        col("mode", r -> "qpw=" + r.qpw() + (r.effectiveQpw() != r.qpw() ? " (ran " + r.effectiveQpw() + ")" : ""), 90);
        col("interruptions", r -> Long.toString(r.interruptions()), 100);
        col("worst interr. µs (kernel)", r -> r.worstInterruptionKnown() ? us(r.worstInterruptionKernelNs()) : "not traced", 170);
        col("worst noise µs (kernel)", r -> us(r.worstNoiseKernelNs()), 160);
        col("queued to isolated", r -> Long.toString(r.workQueuedToIsolated()), 130);
        col("drained by caller", r -> Long.toString(r.workDoneByCaller()), 130);
        col("flush wait max ms", r -> String.format(Locale.ROOT, "%.1f", r.flushWaitMaxNs() / 1e6), 130);
        col("fast path ns/op [95 %]", RowTable::fastPath, 190);
        col("host steal", r -> String.format(Locale.ROOT, "%.0f %%", 100 * r.hostStealShare()), 90);
        col("note", r -> r.ok() ? "" : r.note(), 120);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new javafx.scene.control.Label("Run the sweep: one line per value and mode appears here as each run ends."));
    }

    private void col(String name, Function<SweepRow, String> text, double width) {
        TableColumn<SweepRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(text.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        getColumns().add(c);
    }

    private static String us(long ns) {
        return String.format(Locale.ROOT, "%.1f", ns / 1e3);
    }

    private static String fastPath(SweepRow r) {
        if (r.fastPathNsPerOp() == null) return "not measured";
        return String.format(Locale.ROOT, "%.1f [%.1f–%.1f]", r.fastPathNsPerOp(), r.fastPathLowNs(), r.fastPathHighNs());
    }
}
