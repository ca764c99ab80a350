package io.qpwscope.ui.review;

import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.recording.RecordingReader;
import io.qpwscope.trace.Recording;
import io.qpwscope.ui.clip.ClipDialog;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The live lab's recording menu: save the live run's recording (a snapshot of everything
 * recorded so far, also while the engine runs, or the whole run after Stop), open a recording
 * for review, compare two. Saving runs as a {@link FileTask} in the strip beside the menu.
 */
public final class RecordingMenu extends HBox {
    private final MenuButton menu = new MenuButton("Recording");
    private final TaskStrip tasks = new TaskStrip();
    private final Supplier<Recording> live;
    private final Supplier<Window> owner;
    private final RecentFiles recent = RecentFiles.user();
    private Supplier<double[]> clipRange = () -> new double[] {Double.NaN, Double.NaN};

    public RecordingMenu(Supplier<Recording> live, Supplier<Window> owner) {
        super(6);
        this.live = live;
        this.owner = owner;
        setAlignment(Pos.CENTER_LEFT);
        menu.setTooltip(new Tooltip("Save this run's recording, open or compare recordings"));
        MenuItem save = new MenuItem("Save recording…");
        save.setOnAction(e -> chooseSave());
        MenuItem open = new MenuItem("Open recording for review…");
        open.setOnAction(e -> chooseOpen());
        MenuItem compare = new MenuItem("Compare two recordings…");
        compare.setOnAction(e -> chooseCompare());
        MenuItem clip = new MenuItem("Export clip (GIF/MP4) of the selection or view…");
        clip.setOnAction(e -> chooseClip());
        MenuItem capture = new MenuItem("Capture on this machine…");
        capture.setOnAction(e -> io.qpwscope.ui.capture.CaptureDialog.forThisMachine(owner.get()).show());
        menu.getItems().addAll(save, clip, new SeparatorMenuItem(), open, compare, new SeparatorMenuItem(), capture);
        menu.disableProperty().bind(tasks.busyProperty());
        getChildren().addAll(menu, tasks);
    }

    /** Saves the live recording as it is now to {@code out} (temp file, then atomic move). @return false if none or busy */
    public boolean save(Path out) {
        Recording rec = live.get();
        if (rec == null) {
            tasks.say("Nothing recorded yet");
            return false;
        }
        return tasks.run(new FileTask<>("Saving " + out.getFileName(), pl -> {
            RecordingFiles.save(rec, out, List.of(), pl);
            return out;
        }), p -> {
            recent.add(p);
            tasks.say("Saved " + p);
        }, e -> { });
    }

    public TaskStrip tasks() { return tasks; }

    /** Where "Export clip…" takes its range from: {start, end} in ns (the live timeline's selection or view). */
    public void setClipRange(Supplier<double[]> range) {
        clipRange = range;
    }

    private void chooseClip() {
        Recording rec = live.get();
        if (rec == null) {
            tasks.say("Nothing recorded yet");
            return;
        }
        double[] range = clipRange.get();
        ClipDialog.ask(owner.get(), range, rec.meta().scenarioName() + "-qpw" + rec.meta().effectiveQpw(), null).ifPresent(c ->
                tasks.run(ClipDialog.task(rec, List.of(), c), p -> tasks.say("Saved " + p), e -> { }));
    }

    private void chooseSave() {
        FileChooser fc = chooser("Save recording");
        Recording rec = live.get();
        fc.setInitialFileName((rec == null ? "run" : rec.meta().scenarioName()) + "-qpw" + (rec == null ? "" : rec.meta().effectiveQpw())
                + ReviewPane.EXTENSION);
        File f = fc.showSaveDialog(owner.get());
        if (f != null) save(f.toPath());
    }

    private void chooseOpen() {
        File f = chooser("Open recording").showOpenDialog(owner.get());
        if (f == null) return;
        ReviewPane pane = ReviewWindows.review(new Stage(), null);
        pane.open(f.toPath());
    }

    private void chooseCompare() {
        List<File> fs = chooser("Choose two recordings (A, then B)").showOpenMultipleDialog(owner.get());
        if (fs == null || fs.size() != 2) {
            if (fs != null) tasks.say("Choose exactly two recordings to compare");
            return;
        }
        Path a = fs.get(0).toPath(), b = fs.get(1).toPath();
        tasks.run(new FileTask<>("Loading " + a.getFileName() + " and " + b.getFileName(), pl -> {
            LoadedRecording ra = RecordingReader.load(a, pl);
            LoadedRecording rb = RecordingReader.load(b, pl);
            return new ComparePane.Side[] {new ComparePane.Side(a, ra), new ComparePane.Side(b, rb)};
        }), s -> ReviewWindows.compare(new Stage(), s[0], s[1]), e -> { });
    }

    private static FileChooser chooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("QPW Scope recording", "*" + ReviewPane.EXTENSION));
        return fc;
    }
}
