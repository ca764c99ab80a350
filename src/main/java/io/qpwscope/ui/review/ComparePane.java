package io.qpwscope.ui.review;

import io.qpwscope.recording.LoadNotice;
import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.RecordingComparison;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.ui.timeline.render.TimeFormat;
import java.nio.file.Path;
import java.util.OptionalLong;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Two recordings lane by lane, A above B on one time axis (zoom or pan either, the other
 * follows), aligned at a chosen event, with their summary numbers side by side.
 */
public final class ComparePane extends BorderPane {
    /** A recording and the file it came from. */
    public record Side(Path file, LoadedRecording recording) {}

    /** Where the two time axes are pinned together. */
    public enum Alignment {
        START("recording start", null),
        FIRST_MODE_SWITCH("first mode switch", EventType.MODE_SWITCH),
        FIRST_TRIGGER("first trigger", EventType.TRIGGER),
        FIRST_WORK_QUEUED("first work queued", EventType.WORK_QUEUED);

        public final String label;
        public final EventType type;

        Alignment(String label, EventType type) {
            this.label = label;
            this.type = type;
        }
    }

    private final Side a;
    private final Side b;
    private final RecordingComparison comparison;
    private final ReviewTimeline ta = new ReviewTimeline();
    private final ReviewTimeline tb = new ReviewTimeline();
    private final ViewSync sync;
    private final ComboBox<Alignment> align = new ComboBox<>();
    private final Label offsetLabel = new Label();
    private final ComparisonTable table = new ComparisonTable();

    public ComparePane(Side a, Side b) {
        this.a = a;
        this.b = b;
        getStyleClass().add("compare-pane");
        comparison = RecordingComparison.of(a.recording().recording(), b.recording().recording());
        ta.show(a.recording().recording());
        tb.show(b.recording().recording());
        tb.setAutoFit(false);
        sync = new ViewSync(ta.view(), tb.view());

        align.getItems().setAll(Alignment.values());
        align.setCellFactory(l -> new AlignCell());
        align.setButtonCell(new AlignCell());
        align.valueProperty().addListener((o, x, v) -> applyAlignment(v));
        Label alignTitle = new Label("Align at");
        HBox bar = new HBox(8, alignTitle, align, offsetLabel);
        bar.getStyleClass().add("control-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));

        VBox top = side("A", a, ta);
        VBox bottom = side("B", b, tb);
        SplitPane lanes = new SplitPane(top, bottom);
        lanes.setOrientation(Orientation.VERTICAL);
        SplitPane split = new SplitPane(lanes, table);
        split.setDividerPositions(0.67);
        SplitPane.setResizableWithParent(table, false);
        setTop(bar);
        setCenter(split);
        align.setValue(Alignment.FIRST_TRIGGER);
        table.show(comparison.a(), comparison.b());
        var ra = a.recording().recording();
        var rb = b.recording().recording();
        java.util.concurrent.CompletableFuture.supplyAsync(() -> new HostTotals[] {HostTotals.of(ra), HostTotals.of(rb)})
                .thenAccept(h -> javafx.application.Platform.runLater(() -> table.showHost(h[0], h[1])));
    }

    private static VBox side(String tag, Side s, ReviewTimeline t) {
        RecordingMeta m = s.recording().recording().meta();
        Label title = new Label(tag + ":  " + (s.file() == null ? "unsaved" : s.file().getFileName()) + "  —  " + m.scenarioName()
                + "  —  " + MetaHeader.mode(m) + "  —  " + m.cpus() + " CPUs on "
                + m.physicalCores() + " cores");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.1em;");
        VBox box = new VBox(2, title);
        for (LoadNotice n : s.recording().notices()) {
            Label l = new Label("⚠ " + n.message());
            l.setStyle("-fx-text-fill: #E69F00; -fx-font-weight: bold;");
            box.getChildren().add(l);
        }
        box.getChildren().add(t.view());
        box.setPadding(new Insets(4, 6, 2, 6));
        VBox.setVgrow(t.view(), Priority.ALWAYS);
        return box;
    }

    /** Pins B's chosen event under A's; falls back to the start when either recording lacks it. */
    public void applyAlignment(Alignment al) {
        long offset = 0;
        String text;
        if (al == null || al.type == null) {
            text = "aligned at the start";
        } else {
            OptionalLong o = comparison.alignAt(al.type, 0);
            if (o.isPresent()) {
                offset = o.getAsLong();
                text = "B shifted by " + (offset >= 0 ? "+" : "−") + TimeFormat.duration(Math.abs(offset)) + " so its " + al.label
                        + " lines up with A's";
            } else {
                text = "no " + al.label + " in " + (RecordingComparison.occurrenceTs(a.recording().recording(), al.type, 0).isEmpty() ? "A" : "B")
                        + ": aligned at the start";
            }
        }
        offsetLabel.setText(text);
        sync.setOffset(offset);
        long endA = a.recording().recording().endTs();
        long endB = b.recording().recording().endTs() + offset;
        ta.setFitRange(Math.min(0, offset), Math.max(endA, endB));
        if (ta.indexed()) ta.indexAll();
    }

    /** Indexes both recordings now and aligns the views (tests, snapshots). */
    public void indexAll() {
        tb.indexAll();
        ta.indexAll();
        sync.sync();
        ta.view().renderNow();
        tb.view().renderNow();
    }

    public ReviewTimeline timelineA() { return ta; }

    public ReviewTimeline timelineB() { return tb; }

    public ViewSync sync() { return sync; }

    public ComboBox<Alignment> alignment() { return align; }

    public Label offsetLabel() { return offsetLabel; }

    public ComparisonTable table() { return table; }

    private static final class AlignCell extends ListCell<Alignment> {
        @Override
        protected void updateItem(Alignment a, boolean empty) {
            super.updateItem(a, empty);
            setText(empty || a == null ? null : a.label);
        }
    }
}
