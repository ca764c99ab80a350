package io.qpwscope.ui;

import io.qpwscope.ui.lab.LabModel;
import io.qpwscope.ui.lab.RunStatus;
import io.qpwscope.ui.timeline.render.TimeFormat;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The bottom line: engine state, machine honesty (CPUs vs physical cores), trace volume, heap,
 * last notice. Bound to the model's {@link LabModel#runStatusProperty()}, which the window
 * refreshes a few times a second.
 */
public final class StatusBar extends HBox {
    private final Label engine = new Label();
    private final Label trace = new Label();
    private final Label heap = new Label();
    private final Label host = new Label();
    private final Label message = new Label();

    public StatusBar(LabModel model) {
        getStyleClass().add("status-bar");
        setSpacing(18);
        setAlignment(Pos.CENTER_LEFT);
        engine.getStyleClass().add("status-engine");
        host.getStyleClass().add("status-host");
        host.setMinWidth(Region.USE_PREF_SIZE);
        message.getStyleClass().add("status-message");
        model.messageProperty().addListener((o, a, m) -> showNotice(m));
        model.runStatusProperty().addListener((o, a, s) -> show(s, model.busyProperty().get()));
        model.busyProperty().addListener((o, a, b) -> show(model.runStatusProperty().get(), b));
        show(model.runStatusProperty().get(), model.busyProperty().get());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(engine, host, trace, heap, grow, message);
    }

    /** Shows a notice in the status line. */
    public void showNotice(String text) {
        message.getStyleClass().remove("error-text");
        message.setText(text);
    }

    /** Shows an error in the status line until the next notice. */
    public void showError(String error) {
        if (!message.getStyleClass().contains("error-text")) message.getStyleClass().add("error-text");
        message.setText(error);
    }

    /** The host-oversubscription part of the line ("" when every CPU thread has a core). */
    public String hostText() {
        return host.getText();
    }

    /** The engine part of the line, as shown now. */
    public String engineText() {
        return engine.getText();
    }

    private void show(RunStatus s, boolean busy) {
        if (s == null) {
            engine.setText(busy ? "booting…" : "no run");
            return;
        }
        engine.setText((s.failedThread() != null ? "✖ FAILED (" + s.failedThread() + ") " : s.running() ? "● running " : "■ stopped ")
                + TimeFormat.duration(s.elapsedNs()) + " · "
                + s.cpus() + " CPUs on " + s.physicalCores() + " physical cores"
                + (s.pinned() ? " (pinned)" : " (not pinned)"));
        host.setText(s.hostNote() == null || s.hostNote().isEmpty() ? "" : "⚠ " + s.hostNote());
        trace.setText(TimeFormat.count(s.records()) + " records · " + TimeFormat.count(s.overruns()) + " overruns"
                + RollingWindowText.of(s.window()));
        Runtime rt = Runtime.getRuntime();
        heap.setText("recording " + (s.recordingBytes() >> 20) + " MB off-heap · heap "
                + ((rt.totalMemory() - rt.freeMemory()) >> 20) + "/" + (rt.maxMemory() >> 20) + " MB");
    }
}
