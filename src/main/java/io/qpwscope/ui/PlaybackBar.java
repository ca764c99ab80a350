package io.qpwscope.ui;

import io.qpwscope.ui.timeline.TimelineView;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

/**
 * Controls of the timeline's playback: speed (slow motion down to a millionth of real time),
 * follow live, pause, jump to the last drain, replay, fit, zoom, and the caption toggle.
 */
public final class PlaybackBar extends FlowPane {
    static final double[] SPEEDS = {1, 0.1, 0.01, 0.001, 1e-4, 1e-5, 1e-6};

    private final ComboBox<Double> speed = new ComboBox<>();
    private final ToggleButton captions = new ToggleButton("Captions");
    private final Button png = new Button("PNG…");
    private final Label frame = new Label();
    private final Label notice = new Label();

    public PlaybackBar(TimelineView view) {
        getStyleClass().add("playback-bar");
        setHgap(6);
        setVgap(4);
        setAlignment(Pos.CENTER_LEFT);
        for (double s : SPEEDS) speed.getItems().add(s);
        speed.setValue(1.0);
        speed.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Double d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : label(d));
            }
        });
        speed.setButtonCell(speed.getCellFactory().call(null));
        speed.setTooltip(new Tooltip("Playback speed: at 1/1,000,000 a 10 µs interruption lasts 10 s on screen"));
        speed.valueProperty().addListener((o, a, s) -> {
            if (s != null) view.setSpeed(s);
        });
        Button live = button("● Live", "Follow the live edge at real time (F)", view::followLive);
        live.setOnAction(e -> {
            speed.setValue(1.0);
            view.followLive();
        });
        Button pause = button("❚❚ Pause", "Freeze the view; the engine keeps running (Space)", view::togglePause);
        Button drain = button("Last drain", "Zoom onto the most recent trigger and what it caused (J); in slow motion, replay it", () -> {
            if (!view.jumpToLastDrain()) notice.setText("no drain yet: press a trigger button");
            else notice.setText("");
        });
        Button intr = button("Last interruption", "Zoom onto the most recent interruption of an isolated CPU (I)", () -> {
            if (!view.jumpToLastInterruption()) notice.setText("no interruption yet");
            else notice.setText("");
        });
        Button replay = button("Replay", "Replay the visible window at the chosen speed (R)", view::replayView);
        Button fit = button("Fit all", "Show the whole recording (Home)", view::fitAll);
        Button zin = button("+", "Zoom in (W, wheel)", () -> view.zoom(0.5));
        Button zout = button("−", "Zoom out (S, wheel)", () -> view.zoom(2));
        captions.setSelected(true);
        captions.setTooltip(new Tooltip("Show the scenario's narration as captions"));
        frame.getStyleClass().add("frame-time");
        notice.getStyleClass().add("notice");
        view.frameMsProperty().addListener((o, a, ms) -> frame.setText(String.format(Locale.ROOT,
                "frame %.1f ms (CPU %.1f ms)", ms.doubleValue(), view.frameCpuMsProperty().get())));
        frame.setTooltip(new Tooltip("FX-thread time per frame (indexing new records + drawing), wall and CPU;\n"
                + "wall well above CPU means the engine's CPU threads are using the cores"));
        Label sp = new Label("Speed");
        png.setTooltip(new Tooltip("Save the timeline as it is drawn now as a PNG"));
        png.setFocusTraversable(false);
        getChildren().addAll(sp, speed, live, pause, drain, intr, replay, fit, zout, zin, captions, png, frame, notice);
        for (javafx.scene.Node n : getChildren()) if (n instanceof Region r) r.setMinWidth(Region.USE_PREF_SIZE);
    }

    public ComboBox<Double> speedBox() { return speed; }

    /** Whether the scenario's narration is shown as captions. */
    public BooleanProperty captionsProperty() { return captions.selectedProperty(); }

    /** Runs {@code action} when the user asks to save the timeline as a PNG. */
    public void setOnExportPng(Runnable action) {
        png.setOnAction(e -> action.run());
    }

    private Button button(String text, String tip, Runnable r) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> r.run());
        b.setFocusTraversable(false);
        return b;
    }

    static String label(double s) {
        if (s >= 1) return "1× (real time)";
        return String.format(Locale.ROOT, "1/%,d×", Math.round(1 / s));
    }
}
