package io.qpwscope.ui.review;

import io.qpwscope.recording.Annotation;
import io.qpwscope.recording.ChromeTraceExporter;
import io.qpwscope.recording.CsvExporter;
import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.recording.RecordingReader;
import io.qpwscope.trace.Recording;
import io.qpwscope.ui.PngExport;
import io.qpwscope.ui.clip.ClipDialog;
import io.qpwscope.ui.timeline.TimelineView;
import io.qpwscope.ui.timeline.input.TimelineHit;
import io.qpwscope.ui.timeline.render.Viewport;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Review mode: a recording someone made, in the lab's timeline (scrub, zoom, pan, selection
 * statistics), under a header with its metadata and load notices; event search; bookmarks
 * saved back into the file; export to Chrome trace JSON, CSV and PNG; Open…, recent files and
 * drag-and-drop of .qpwrec files. Loading, saving and exporting run as {@link FileTask}s in
 * the {@link TaskStrip} at the bottom, with progress and Cancel.
 */
public final class ReviewPane extends BorderPane {
    public static final String EXTENSION = ".qpwrec";

    private final ReviewTimeline timeline = new ReviewTimeline();
    private final MetaHeader header = new MetaHeader();
    private final SearchBar search = new SearchBar(timeline);
    private final BookmarkList bookmarks;
    private final TaskStrip tasks = new TaskStrip();
    private final Button open = new Button("Open recording…");
    private final MenuButton recent = new MenuButton("Recent");
    private final MenuButton export = new MenuButton("Export");
    private final Button compare = new Button("Compare with…");
    private final RecentFiles recentFiles;
    private final BooleanProperty hasRecording = new SimpleBooleanProperty(this, "hasRecording");
    private BiConsumer<ComparePane.Side, ComparePane.Side> compareOpener = (a, b) -> { };
    private Path file;
    private LoadedRecording loaded;

    public ReviewPane(RecentFiles recentFiles) {
        this.recentFiles = recentFiles;
        getStyleClass().add("review-pane");
        bookmarks = new BookmarkList(this::cursorPlace, a -> timeline.centreOn(a.ts(), a.ts()), this::saveBookmarks);
        bookmarks.items().addListener((ListChangeListener<Annotation>) c -> timeline.showBookmarks(bookmarks.items()));
        open.setTooltip(new Tooltip("Open a " + EXTENSION + " recording (or drop one on the window)"));
        open.setOnAction(e -> chooseAndOpen());
        compare.setTooltip(new Tooltip("Open a second recording and compare the two, lane by lane"));
        compare.setOnAction(e -> chooseCompare());
        recent.setOnShowing(e -> fillRecent());
        MenuItem chrome = new MenuItem("Chrome trace JSON (Perfetto)…");
        chrome.setOnAction(e -> chooseExport("Chrome trace JSON", "*.json", ".trace.json", this::exportChrome));
        MenuItem csv = new MenuItem("CSV (events + per-CPU stats)…");
        csv.setOnAction(e -> chooseExport("CSV", "*.csv", ".csv", this::exportCsv));
        MenuItem png = new MenuItem("PNG of the current view…");
        png.setOnAction(e -> chooseExport("PNG image", "*.png", ".png", this::exportPng));
        MenuItem clip = new MenuItem("Export clip (GIF/MP4) of the selection or view…");
        clip.setOnAction(e -> chooseClip());
        export.getItems().addAll(chrome, csv, new SeparatorMenuItem(), png, clip);
        for (var n : List.of(compare, export, search)) n.disableProperty().bind(tasks.busyProperty().or(hasRecording.not()));
        open.disableProperty().bind(tasks.busyProperty());
        recent.disableProperty().bind(tasks.busyProperty());

        FlowPane bar = new FlowPane(8, 4, open, recent, compare, export, search);
        bar.getStyleClass().add("control-bar");
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.setAlignment(Pos.CENTER_LEFT);
        SplitPane split = new SplitPane(new StackPane(timeline.view()), bookmarks);
        split.setDividerPositions(0.79);
        SplitPane.setResizableWithParent(bookmarks, false);
        setTop(new VBox(header, bar));
        setCenter(split);
        setBottom(tasks);
        installDrop();
    }

    /** Where the compare view opens (set by the window that hosts this pane). */
    public void setCompareOpener(BiConsumer<ComparePane.Side, ComparePane.Side> opener) {
        compareOpener = opener;
    }

    /** Shows a recording already loaded (e.g. by the command line). */
    public void show(Path f, LoadedRecording r) {
        file = f;
        loaded = r;
        header.show(f, r);
        timeline.show(r.recording());
        search.setSearch(new EventSearch(r.recording()), r.recording().cpus());
        bookmarks.setAll(r.annotations());
        if (f != null) recentFiles.add(f);
        hasRecording.set(true);
        if (!r.notices().isEmpty()) tasks.say("Loaded with " + r.notices().size() + " notice(s): see the header");
    }

    /** Loads {@code f} in the background and shows it. @return false if another operation is running */
    public boolean open(Path f) {
        FileTask<LoadedRecording> t = new FileTask<>("Loading " + f.getFileName(), pl -> RecordingReader.load(f, pl));
        return tasks.run(t, r -> show(f, r), e -> {
            if (e instanceof java.nio.file.NoSuchFileException) recentFiles.remove(f);
        });
    }

    /** Writes the recording with the current bookmarks over its file (temp file + atomic move). */
    public boolean saveBookmarks() {
        if (loaded == null || file == null) return false;
        Recording rec = loaded.recording();
        List<Annotation> list = List.copyOf(bookmarks.items());
        Path target = file;
        FileTask<Path> t = new FileTask<>("Saving bookmarks to " + target.getFileName(), pl -> {
            RecordingFiles.save(rec, target, list, pl);
            return target;
        });
        return tasks.run(t, p -> bookmarks.saved(), e -> { });
    }

    public boolean exportChrome(Path out) {
        Recording rec = loaded.recording();
        List<Annotation> list = List.copyOf(bookmarks.items());
        return tasks.run(new FileTask<>("Exporting " + out.getFileName(), pl -> {
            ChromeTraceExporter.export(rec, list, out, pl);
            return out;
        }), p -> tasks.say("Exported " + p), e -> { });
    }

    public boolean exportCsv(Path out) {
        Recording rec = loaded.recording();
        CsvExporter.Outputs outs = CsvExporter.outputs(out, file == null ? "recording" : file.getFileName().toString());
        return tasks.run(new FileTask<>("Exporting " + out.getFileName(), pl -> {
            CsvExporter.export(rec, outs, pl);
            return outs.events();
        }), p -> tasks.say("Exported " + outs.all()), e -> { });
    }

    public boolean exportPng(Path out) {
        timeline.view().renderNow();
        var t = PngExport.save(timeline.view(), out);
        t.setOnSucceeded(e -> tasks.say("Saved " + out));
        t.setOnFailed(e -> tasks.say("PNG not saved: " + Errors.describe(t.getException())));
        return true;
    }

    /** Asks for the clip's range, speed, width and format, then writes it with progress and Cancel in the strip. */
    private void chooseClip() {
        String base = file == null ? "recording" : file.getFileName().toString().replaceFirst("\\" + EXTENSION + "$", "");
        Path dir = file == null ? null : file.toAbsolutePath().getParent();
        ClipDialog.ask(window(), ClipDialog.range(timeline.view()), base, dir).ifPresent(c -> tasks.run(
                ClipDialog.task(loaded.recording(), List.copyOf(bookmarks.items()), c), p -> tasks.say("Saved " + p), e -> { }));
    }

    /** The selected range's start, else the selected item, else the middle of the view. */
    BookmarkList.Place cursorPlace() {
        TimelineView v = timeline.view();
        if (!Double.isNaN(v.selectionStartNs())) return new BookmarkList.Place((long) v.selectionStartNs(), Annotation.ALL_CPUS);
        TimelineHit h = v.outlined();
        if (h != null) return new BookmarkList.Place(h.startNs(), h.lane());
        Viewport vp = timeline.view().viewport();
        return new BookmarkList.Place(Math.max(0, (long) ((vp.startNs() + vp.endNs()) / 2)), Annotation.ALL_CPUS);
    }

    private void chooseAndOpen() {
        File f = chooser("Open recording").showOpenDialog(window());
        if (f != null) open(f.toPath());
    }

    private void chooseCompare() {
        File f = chooser("Compare with recording").showOpenDialog(window());
        if (f == null || loaded == null) return;
        Path b = f.toPath();
        Path a = file;
        LoadedRecording ra = loaded;
        tasks.run(new FileTask<>("Loading " + b.getFileName(), pl -> RecordingReader.load(b, pl)), rb -> {
            recentFiles.add(b);
            compareOpener.accept(new ComparePane.Side(a, ra), new ComparePane.Side(b, rb));
        }, e -> { });
    }

    private FileChooser chooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("QPW Scope recording", "*" + EXTENSION));
        if (file != null && file.toAbsolutePath().getParent() != null) fc.setInitialDirectory(file.toAbsolutePath().getParent().toFile());
        return fc;
    }

    private void chooseExport(String kind, String glob, String suffix, java.util.function.Predicate<Path> action) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export " + kind);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, glob));
        String base = file == null ? "recording" : file.getFileName().toString().replaceFirst("\\" + EXTENSION + "$", "");
        fc.setInitialFileName(base + suffix);
        if (file != null && file.toAbsolutePath().getParent() != null) fc.setInitialDirectory(file.toAbsolutePath().getParent().toFile());
        File f = fc.showSaveDialog(window());
        if (f != null) action.test(f.toPath());
    }

    private void fillRecent() {
        recent.getItems().clear();
        for (Path p : recentFiles.list()) {
            MenuItem mi = new MenuItem(p.getFileName() + "   " + (p.getParent() == null ? "" : p.getParent()));
            mi.setMnemonicParsing(false);
            mi.setOnAction(e -> open(p));
            recent.getItems().add(mi);
        }
        if (recent.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            recent.getItems().add(none);
        }
    }

    private void installDrop() {
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().anyMatch(ReviewPane::isRecording)) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = false;
            if (e.getDragboard().hasFiles()) {
                for (File f : e.getDragboard().getFiles()) {
                    if (isRecording(f)) {
                        ok = open(f.toPath());
                        break;
                    }
                }
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    static boolean isRecording(File f) {
        return f.getName().endsWith(EXTENSION);
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    public ReviewTimeline timeline() { return timeline; }

    public MetaHeader header() { return header; }

    public SearchBar search() { return search; }

    public BookmarkList bookmarks() { return bookmarks; }

    public TaskStrip tasks() { return tasks; }

    public Path file() { return file; }

    public LoadedRecording loaded() { return loaded; }
}
