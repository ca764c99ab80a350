package io.qpwscope.ui;

import io.qpwscope.ui.timeline.index.SelectionStats;
import io.qpwscope.ui.timeline.render.HostSplitText;
import io.qpwscope.ui.timeline.render.TimeFormat;
import io.qpwscope.ui.timeline.input.TimelineHit;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * What the user clicked (an interruption, a remote hold, a work item, with kernel function
 * names in both spellings) and the statistics of a shift-dragged range, per CPU.
 */
public final class DetailsPane extends VBox {
    private final Label title = new Label("Details");
    private final Label body = new Label("Click an item on the timeline; shift-drag to select a range.");
    private final Label rangeTitle = new Label();
    private final TableView<SelectionStats.Lane> table = new TableView<>();

    public DetailsPane() {
        getStyleClass().add("details-pane");
        title.getStyleClass().add("pane-title");
        body.getStyleClass().add("details-body");
        body.setWrapText(true);
        rangeTitle.getStyleClass().add("details-range");
        rangeTitle.setWrapText(true);
        for (Label l : new Label[] {title, body, rangeTitle}) {
            l.setWrapText(true);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        table.getStyleClass().add("stats-table");
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("no range selected"));
        col("CPU", l -> "cpu" + l.cpu() + (l.isolated() ? " iso" : ""));
        col("interruptions", l -> l.interruptions() == 0 ? "0" : l.interruptions() + " (max " + TimeFormat.duration(l.interruptionMaxNs()) + ")");
        col("interruption kernel / host", l -> l.interruptions() == 0 ? "—"
                : HostSplitText.brief(l.interruptionKernelNs()) + " / " + HostSplitText.brief(l.interruptionHostNs())
                + " (max kernel " + HostSplitText.brief(l.interruptionKernelMaxNs()) + ")");
        col("host steal + pause", l -> Double.isNaN(l.hostShare()) ? "—" : String.format(java.util.Locale.ROOT,
                "%.1f %% (%s + %s)", 100 * l.hostShare(), HostSplitText.brief(l.hostStealNs()),
                HostSplitText.brief(l.hostPauseNs())));
        col("max noise", l -> l.noise() == 0 ? "—" : TimeFormat.duration(l.noiseMaxNs()));
        col("lock ops", l -> TimeFormat.count(l.lockOps()));
        col("lock held", l -> TimeFormat.duration(l.lockHeldNs()));
        col("max hold", l -> l.maxLockHoldNs() < 0 ? "(range too big)" : TimeFormat.duration(l.maxLockHoldNs()));
        col("remote ops", l -> TimeFormat.count(l.remoteOps()));
        col("held by remote", l -> l.heldByRemote() == 0 ? "0" : l.heldByRemote() + " (max " + TimeFormat.duration(l.heldByRemoteMaxNs()) + ")");
        col("spin waits", l -> l.spinWaits() == 0 ? "0" : l.spinWaits() + " (max " + TimeFormat.duration(l.spinMaxNs()) + ")");
        col("work inline/kworker", l -> l.workInline() + " / " + l.workKworker());
        col("queued", l -> Long.toString(l.queued()));
        col("max flush wait", l -> l.flushWaitMaxNs() == 0 ? "—" : TimeFormat.duration(l.flushWaitMaxNs()));
        col("records", l -> TimeFormat.count(l.records()));
        VBox.setVgrow(table, Priority.ALWAYS);
        table.setVisible(false);
        table.setManaged(false);
        getChildren().addAll(title, body, rangeTitle, table);
    }

    private void col(String name, Function<SelectionStats.Lane, String> f) {
        TableColumn<SelectionStats.Lane, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setSortable(false);
        table.getColumns().add(c);
    }

    public void showHit(TimelineHit hit) {
        if (hit == null) {
            title.setText("Details");
            body.setText("Click an item on the timeline; shift-drag to select a range.");
            return;
        }
        title.setText(hit.title());
        body.setText(String.join("\n", hit.lines()));
    }

    public void showRange(SelectionStats.Result r) {
        boolean on = r != null;
        table.setVisible(on);
        table.setManaged(on);
        if (!on) {
            rangeTitle.setText("");
            table.getItems().clear();
            return;
        }
        long isoInts = r.totalInterruptionsOnIsolated();
        rangeTitle.setText("Range " + TimeFormat.absolute(r.startNs()) + " + " + TimeFormat.duration(r.endNs() - r.startNs())
                + " · " + isoInts + (isoInts == 1 ? " interruption" : " interruptions") + " on isolated CPUs"
                + hostSummary(r));
        table.getItems().setAll(r.lanes());
    }

    /** " · kernel 12 µs + host 1.3 ms of their time" over the isolated CPUs' interruptions, or "" without splits. */
    static String hostSummary(SelectionStats.Result r) {
        long kernel = 0, host = 0;
        for (SelectionStats.Lane l : r.lanes()) {
            if (!l.isolated()) continue;
            kernel += l.interruptionKernelNs();
            host += l.interruptionHostNs();
        }
        if (host == 0) return "";
        return ": kernel " + HostSplitText.brief(kernel) + " + host " + HostSplitText.brief(host) + " of their time";
    }

    /** What the pane says about the selected item: its title and lines. */
    public String text() {
        return title.getText() + "\n" + body.getText();
    }

    /** The heading of the selected range's statistics, empty if no range is selected. */
    public String rangeText() {
        return rangeTitle.getText();
    }

    public TableView<SelectionStats.Lane> table() {
        return table;
    }
}
