package io.qpwscope.ui;

import io.qpwscope.engine.Engine;
import io.qpwscope.engine.EngineStats;
import io.qpwscope.ui.lab.LabModel;
import io.qpwscope.ui.timeline.render.TimeFormat;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom line: engine state, machine honesty (CPUs vs physical cores), trace volume, heap, last notice. */
public final class StatusBar extends HBox {
    private final Label engine = new Label();
    private final Label trace = new Label();
    private final Label heap = new Label();
    private final Label message = new Label();

    public StatusBar(LabModel model) {
        getStyleClass().add("status-bar");
        setSpacing(18);
        setAlignment(Pos.CENTER_LEFT);
        message.getStyleClass().add("status-message");
        model.messageProperty().addListener((o, a, m) -> {
            message.getStyleClass().remove("error-text");
            message.setText(m);
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(engine, trace, heap, grow, message);
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

    public void update(LabModel model) {
        Engine e = model.engine();
        EngineStats s = model.statsProperty().get();
        if (e == null || s == null) {
            engine.setText(model.busyProperty().get() ? "booting…" : "no run");
            return;
        }
        engine.setText((e.running() ? "● running " : "■ stopped ") + TimeFormat.duration(s.elapsedNs()) + " · "
                + e.recording().cpus() + " CPUs on " + e.physicalCores() + " physical cores"
                + (e.pinned() ? " (pinned)" : " (not pinned)"));
        trace.setText(TimeFormat.count(s.traceEvents()) + " records · " + TimeFormat.count(s.overruns()) + " overruns");
        Runtime rt = Runtime.getRuntime();
        heap.setText("recording " + (LabModel.recordingBytes(e) >> 20) + " MB off-heap · heap "
                + ((rt.totalMemory() - rt.freeMemory()) >> 20) + "/" + (rt.maxMemory() >> 20) + " MB");
    }
}
