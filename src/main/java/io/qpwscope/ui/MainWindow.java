package io.qpwscope.ui;

import io.qpwscope.scenario.ScenarioException;
import io.qpwscope.trace.Recording;
import io.qpwscope.ui.config.KernelConfigSheet;
import io.qpwscope.ui.lab.LabModel;
import io.qpwscope.ui.timeline.render.Palette;
import io.qpwscope.ui.timeline.index.HostFigures;
import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import io.qpwscope.ui.timeline.TimelineView;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The lab window: controls and dashboard on top, the timeline with its playback bar, caption
 * and legend in the centre, kernel config and details on the right, status at the bottom.
 * Wires the view model to the views; holds no engine logic itself.
 */
public final class MainWindow {
    /** Dashboard and status refresh period: a few times a second, never per event. */
    static final Duration STATS_PERIOD = Duration.millis(250);

    private final LabModel model;
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final ControlBar controls;
    /** The dashboard's host share is over this much of the latest trace. */
    static final long HOST_WINDOW_NS = 5_000_000_000L;
    private final DashboardTiles dashboard = new DashboardTiles();
    /** Presentation mode's stand-in for the dashboard: the key kernel figures on one line. */
    private final javafx.scene.control.Label strip = new javafx.scene.control.Label();
    private final VBox top = new VBox();
    private final TimelineView timeline = new TimelineView();
    private final PlaybackBar playback = new PlaybackBar(timeline);
    private final NarrationCaption caption = new NarrationCaption();
    private final LegendBar legend = new LegendBar();
    private final KernelConfigSheet config;
    private final DetailsPane details = new DetailsPane();
    private final StatusBar status;
    private final SplitPane split = new SplitPane();
    private final SplitPane side = new SplitPane();
    private final Scene scene;
    private final Timeline poll;
    private boolean presentation;

    public MainWindow(Stage stage, LabModel model) {
        this.stage = stage;
        this.model = model;
        this.controls = new ControlBar(model);
        this.config = new KernelConfigSheet(model);
        this.status = new StatusBar(model);

        StackPane centre = new StackPane(timeline);
        caption.managedProperty().bind(caption.visibleProperty());
        VBox middle = new VBox(playback, centre, caption, legend);
        VBox.setVgrow(centre, javafx.scene.layout.Priority.ALWAYS);
        side.setOrientation(Orientation.VERTICAL);
        side.getItems().addAll(config, details);
        side.setDividerPositions(0.58);
        split.getItems().addAll(middle, side);
        split.setDividerPositions(0.74);
        SplitPane.setResizableWithParent(side, false);
        strip.getStyleClass().add("presentation-strip");
        strip.setMaxWidth(Double.MAX_VALUE);
        top.getChildren().setAll(controls, dashboard);
        root.setTop(top);
        var recordingMenu = new io.qpwscope.ui.review.RecordingMenu(() -> model.recordingProperty().get(), () -> stage);
        controls.addItem(recordingMenu);
        recordingMenu.setClipRange(() -> io.qpwscope.ui.clip.ClipDialog.range(timeline));
        controls.addItem(new io.qpwscope.ui.ab.AbMenuButton(model::scenario, () -> {
            if (model.runningProperty().get()) model.stop();
        }));
        controls.addItem(explorerButton());
        centre.getChildren().add(new FailureBanner(model, recordingMenu::save, () -> stage));
        root.setCenter(split);
        root.setBottom(status);
        root.getStyleClass().add("qpw-root");

        javafx.geometry.Dimension2D size = WindowSize.fitted(1600, 960);
        scene = new Scene(root, size.getWidth(), size.getHeight());
        scene.getStylesheets().add(css("app.css"));
        setDark(true);
        stage.setScene(scene);
        stage.titleProperty().bind(model.scenarioProperty().map(s -> "QPW Scope — " + (s == null ? "" : s.name())));
        wire();
        poll = new Timeline(new KeyFrame(STATS_PERIOD, e -> refresh()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private void wire() {
        model.recordingProperty().addListener((o, a, r) -> showRun(r));
        model.bootProperty().addListener((o, a, b) -> dashboard.showMode(model.qpwProperty().get(), b == null ? "" : b.reason()));
        model.qpwProperty().addListener((o, a, q) -> dashboard.showMode(q.intValue(),
                model.bootProperty().get() == null ? "" : shortReason(q.intValue())));
        model.statsProperty().addListener((o, a, s) -> {
            dashboard.update(s);
            HostFigures f = timeline.index() == null ? null : HostFigures.compute(timeline.index(), HOST_WINDOW_NS);
            if (f != null) dashboard.showHost(f);
            strip.setText(KernelFiguresLine.of(s, f));
        });
        model.scenarioProperty().addListener((o, a, s) -> caption.setSteps(s == null ? null : s.narration()));
        model.setErrorSink(this::flash);
        timeline.selectedProperty().addListener((o, a, h) -> details.showHit(h));
        timeline.selectionProperty().addListener((o, a, r) -> details.showRange(r));
        timeline.cursorNsProperty().addListener((o, a, t) -> caption.showAt(t.doubleValue(), playback.captionsProperty().get()));
        playback.captionsProperty().addListener((o, a, on) -> caption.showAt(timeline.cursorNsProperty().get(), on));
        controls.darkProperty().addListener((o, a, d) -> setDark(d));
        controls.presentationProperty().addListener((o, a, p) -> setPresentation(p));
        controls.setOnOpen(this::openFile);
        playback.setOnExportPng(this::exportPng);
        controls.setOnScenarioPicked(p -> {
            if (!p.equals(model.scenarioFileProperty().get())) openAndRun(p);
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), () -> controls.presentationProperty().set(!presentation));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::openFile);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F11), () -> stage.setFullScreen(!stage.isFullScreen()));
    }

    private String shortReason(int q) {
        var b = model.bootProperty().get();
        return q == b.effectiveQpw() ? b.reason() : "switched live (boot: qpw=" + b.effectiveQpw() + ")";
    }

    private void showRun(Recording r) {
        if (r == null) return;
        timeline.setSource(new RecordingTimelineSource(r));
        dashboard.reset();
        timeline.setLaneTitles(model.cpuTasks());
        timeline.requestFocus();
    }

    private boolean firstFrameReported;

    private void refresh() {
        if (!firstFrameReported && timeline.firstFrameUptimeMs() >= 0) {
            firstFrameReported = true;
            status.showNotice(String.format(java.util.Locale.ROOT, "first frame %.1f s after JVM start",
                    timeline.firstFrameUptimeMs() / 1000.0));
            System.err.printf(java.util.Locale.ROOT, "qpwscope: first timeline frame %d ms after JVM start%n",
                    timeline.firstFrameUptimeMs());
        }
        model.pollStats();
    }

    private void openFile() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open scenario");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenario JSON", "*.json"));
        if (java.nio.file.Files.isDirectory(ControlBar.SCENARIO_DIR)) fc.setInitialDirectory(ControlBar.SCENARIO_DIR.toFile());
        File f = fc.showOpenDialog(stage);
        if (f != null) openAndRun(f.toPath());
    }

    /** "Trade-off explorer…": sweeps the current scenario in its own window; stops the live run before a sweep. */
    private javafx.scene.control.Button explorerButton() {
        var b = new javafx.scene.control.Button("Trade-off explorer…");
        b.setTooltip(new javafx.scene.control.Tooltip("Sweep one parameter of this scenario in both modes and chart the trade-off"));
        b.setOnAction(e -> io.qpwscope.ui.sweep.ExplorerWindow.open(new Stage(), stage, model.scenario(), () -> {
            if (model.runningProperty().get()) model.stop();
        }));
        return b;
    }

    private void exportPng() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save timeline as PNG");
        fc.setInitialFileName("qpwscope-timeline.png");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File f = fc.showSaveDialog(stage);
        if (f == null) return;
        var task = PngExport.save(timeline, f.toPath());
        task.setOnSucceeded(e -> status.showNotice("Saved " + f));
        task.setOnFailed(e -> status.showError("PNG not saved: " + task.getException().getMessage()));
    }

    /** Loads a scenario file and runs it; a bad file is reported with file:line:column, the current run goes on. */
    public void openAndRun(Path p) {
        try {
            model.open(p);
            model.run();
        } catch (ScenarioException ex) {
            alert("Scenario " + p.getFileName() + " is not valid", ex.getMessage());
        } catch (IOException ex) {
            alert("Cannot read " + p, ex.getMessage());
        }
    }

    private void alert(String header, String text) {
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.setHeaderText(header);
        a.initOwner(stage);
        a.show();
    }

    private void flash(String error) {
        status.showError(error);
    }

    public void setDark(boolean dark) {
        Palette p = dark ? Palette.DARK : Palette.LIGHT;
        scene.getStylesheets().removeIf(s -> s.endsWith("dark.css") || s.endsWith("light.css"));
        scene.getStylesheets().add(css(dark ? "dark.css" : "light.css"));
        timeline.setPalette(p);
        legend.setPalette(p);
        foldDeskOnly();
        dashboard.setTheme(p);
    }

    /**
     * For a projector: large fonts and lanes, the lanes the main thing (most of a 1280x720
     * screen, also under a three-line caption): the controls in one row, the dashboard folded
     * to one line of kernel figures, the side pane and the legend away (hover cards and span
     * labels name what is drawn).
     */
    public void setPresentation(boolean on) {
        presentation = on;
        if (on) root.getStyleClass().add("presentation"); else root.getStyleClass().remove("presentation");
        timeline.setPresentation(on);
        dashboard.setPresentation(on);
        controls.setCompact(on);
        top.getChildren().set(1, on ? strip : dashboard);
        legend.setVisible(!on);
        legend.setManaged(!on);
        foldDeskOnly();
        if (on) split.getItems().remove(side); else if (!split.getItems().contains(side)) {
            split.getItems().add(side);
            split.setDividerPositions(0.74);
        }
    }

    /** Presentation mode folds what only the person at the desk reads: frame time, PNG…, the legend's key list (legend shown again). */
    private void foldDeskOnly() {
        List<javafx.scene.Node> nodes = new java.util.ArrayList<>(legend.lookupAll(".legend-keys"));
        nodes.addAll(playback.getChildren());
        for (javafx.scene.Node n : nodes) {
            boolean desk = n.getStyleClass().contains("frame-time") || n.getStyleClass().contains("legend-keys")
                    || n instanceof javafx.scene.control.Button b && b.getText().startsWith("PNG");
            if (desk) {
                n.setVisible(!presentation);
                n.setManaged(!presentation);
            }
        }
    }

    public Scene scene() { return scene; }

    public TimelineView timeline() { return timeline; }

    public ControlBar controls() { return controls; }

    public StatusBar status() { return status; }

    /** Whether presentation mode is on. */
    public boolean presentation() { return presentation; }

    public DashboardTiles dashboard() { return dashboard; }

    /** The one-line figures shown instead of the dashboard in presentation mode. */
    public javafx.scene.control.Label presentationStrip() { return strip; }

    public KernelConfigSheet config() { return config; }

    public DetailsPane details() { return details; }

    public NarrationCaption caption() { return caption; }

    public PlaybackBar playback() { return playback; }

    public void dispose() {
        poll.stop();
    }

    private static String css(String name) {
        return Objects.requireNonNull(MainWindow.class.getResource(name), name).toExternalForm();
    }
}
