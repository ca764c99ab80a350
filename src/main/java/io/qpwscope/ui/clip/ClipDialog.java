package io.qpwscope.ui.clip;

import io.qpwscope.recording.Annotation;
import io.qpwscope.trace.Recording;
import io.qpwscope.ui.timeline.TimelineView;
import io.qpwscope.ui.timeline.render.Viewport;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.concurrent.Task;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * "Export clip…": asks for the range (the selection, else the view), speed, width and format,
 * then for the file, and makes the export {@link Task} for the caller's progress strip (with
 * Cancel). Bad input keeps the dialog open with the reason under the fields.
 */
public final class ClipDialog {
    /** What was chosen. */
    public record Choice(ClipSettings settings, Path out) {}

    private ClipDialog() {}

    /** {start, end} of the view's selection if any, else of what it shows, in ns. */
    public static double[] range(TimelineView view) {
        double s = view.selectionStartNs(), e = view.selectionEndNs();
        if (!Double.isNaN(s) && !Double.isNaN(e) && e > s) return new double[] {s, e};
        Viewport vp = view.viewport();
        return new double[] {Math.max(0, vp.startNs()), vp.endNs()};
    }

    /** Shows the dialog, then the file chooser. @return empty if cancelled */
    public static Optional<Choice> ask(Window owner, double[] range, String baseName, Path dir) {
        ClipForm form = new ClipForm(range[0], range[1]);
        Dialog<ClipSettings> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Export clip");
        d.setHeaderText("A clip of the timeline for slides: title card, then the range in slow motion with captions");
        d.getDialogPane().setContent(form);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) d.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Choose file…");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (form.check() == null) e.consume();
        });
        d.setResultConverter(b -> b == ButtonType.OK ? form.check() : null);
        Optional<ClipSettings> settings = d.showAndWait();
        if (settings.isEmpty()) return Optional.empty();
        ClipFormat f = settings.get().format();
        FileChooser fc = new FileChooser();
        fc.setTitle("Save clip as " + f.extension.toUpperCase(java.util.Locale.ROOT));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.extension.toUpperCase(java.util.Locale.ROOT), "*." + f.extension));
        fc.setInitialFileName(baseName + "-clip." + f.extension);
        if (dir != null && dir.toFile().isDirectory()) fc.setInitialDirectory(dir.toFile());
        File file = fc.showSaveDialog(owner);
        return file == null ? Optional.empty() : Optional.of(new Choice(settings.get(), file.toPath()));
    }

    /**
     * The export as a task: progress per frame, Cancel stops it between frames and leaves no
     * file. Run it on a worker thread (a progress strip does); the FX thread only draws frames.
     */
    public static Task<Path> task(Recording rec, List<Annotation> annotations, Choice c) {
        Path ffmpeg = c.settings().format() == ClipFormat.MP4 ? Mp4Sink.find() : null;
        return new Task<>() {
            {
                updateTitle("Clip " + c.out().getFileName());
            }

            @Override
            protected Path call() throws Exception {
                Task<Path> self = this;
                return ClipExport.write(rec, annotations, c.settings(), c.out(), ffmpeg, new io.qpwscope.recording.ProgressListener() {
                    @Override
                    public void progress(long done, long total) {
                        updateProgress(done, total);
                    }

                    @Override
                    public boolean isCancelled() {
                        return self.isCancelled();
                    }
                }, p -> { }).file();
            }
        };
    }
}
