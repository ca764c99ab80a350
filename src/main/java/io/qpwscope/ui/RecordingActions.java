package io.qpwscope.ui;

import io.qpwscope.engine.Engine;
import io.qpwscope.recording.LoadNotice;
import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.recording.RecordingReader;
import io.qpwscope.trace.Recording;
import io.qpwscope.ui.lab.LabModel;
import io.qpwscope.ui.timeline.RecordingTimelineSource;
import io.qpwscope.ui.timeline.TimeFormat;
import io.qpwscope.ui.timeline.TimelineView;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Save the current run's recording to a {@code .qpwrec} file and open one for review, each
 * as a background {@link Task} whose progress the status bar shows. Saving writes a temp
 * file and renames it (RecordingFiles.save), so a failed save leaves no half file; a
 * recording cut short (a killed writer) opens up to its last complete chunk, with a notice.
 */
final class RecordingActions {
    private final LabModel model;
    private final TimelineView timeline;
    private final StatusBar status;
    private final Consumer<String> reviewing;

    /** @param reviewing told the file name when a loaded recording replaces the live one */
    RecordingActions(LabModel model, TimelineView timeline, StatusBar status, Consumer<String> reviewing) {
        this.model = model;
        this.timeline = timeline;
        this.status = status;
        this.reviewing = reviewing;
    }

    void save(Window owner) {
        Engine e = model.engine();
        if (e == null) {
            status.showError("Nothing recorded yet");
            return;
        }
        FileChooser fc = chooser("Save recording");
        fc.setInitialFileName(e.scenario().name() + ".qpwrec");
        File f = fc.showSaveDialog(owner);
        if (f == null) return;
        Recording rec = e.recording();
        Path out = f.toPath();
        ReportingTask<Long> task = new ReportingTask<>() {
            @Override
            protected Long call() throws Exception {
                RecordingFiles.save(rec, out, List.of(), listener);
                return rec.eventCount();
            }
        };
        task.setOnSucceeded(ev -> status.showNotice("Saved " + TimeFormat.count(task.getValue()) + " records to " + out));
        task.setOnFailed(ev -> status.showError("Recording not saved: " + message(task.getException())));
        status.track(task, "Saving " + out.getFileName());
        start(task, "recording-save");
    }

    void open(Window owner) {
        FileChooser fc = chooser("Open recording");
        File f = fc.showOpenDialog(owner);
        if (f != null) open(f.toPath());
    }

    void open(Path in) {
        if (model.runningProperty().get()) model.stop();
        ReportingTask<LoadedRecording> task = new ReportingTask<>() {
            @Override
            protected LoadedRecording call() throws Exception {
                return RecordingReader.load(in, listener);
            }
        };
        task.setOnSucceeded(ev -> {
            LoadedRecording lr = task.getValue();
            timeline.setSource(new RecordingTimelineSource(lr.recording()));
            timeline.review();
            reviewing.accept(in.getFileName().toString());
            StringBuilder b = new StringBuilder("Opened " + in.getFileName() + ": " + TimeFormat.count(lr.events()) + " records"
                    + (lr.recording().overruns() > 0 ? ", " + TimeFormat.count(lr.recording().overruns()) + " lost to overruns while recording" : ""));
            for (LoadNotice n : lr.notices()) b.append(" · ").append(n.message());
            if (lr.notices().isEmpty()) status.showNotice(b.toString()); else status.showError(b.toString());
        });
        task.setOnFailed(ev -> status.showError("Cannot open " + in.getFileName() + ": " + message(task.getException())));
        status.track(task, "Loading " + in.getFileName());
        start(task, "recording-load");
    }

    private static FileChooser chooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("QPW Scope recording", "*.qpwrec", "*.qpwrec.partial"));
        return fc;
    }

    private static void start(Task<?> task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private static String message(Throwable t) {
        return t == null ? "unknown error" : t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
