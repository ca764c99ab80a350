package io.qpwscope.ui.capture;

import io.qpwscope.ftrace.capture.Capture;
import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.recording.RecordingReader;
import io.qpwscope.ui.review.ReviewWindows;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Capture on this machine…": CPU, seconds and trigger; runs {@link Capturer} (the {@code capture} command's
 * code) off the FX thread with a progress bar and Cancel, and opens the recording in review when it is
 * done. Cancel stops the loop and the triggers; the capture puts tracefs back as it found it either way.
 * Without root or tracefs the dialog shows the one-line refusal and runs nothing.
 */
public final class CaptureDialog {
    /** The one trigger this kernel permits (blockdev --flushbufs on the root disk is refused here). */
    public static final String TRIGGER = "lru_add_drain_all: echo 1 > /proc/sys/vm/compact_memory";

    private final Stage stage = new Stage();
    private final Capturer capturer;
    private final int cpus;
    private final BiConsumer<Path, LoadedRecording> opener;
    private final TextField cpu = new TextField();
    private final TextField seconds = new TextField("3");
    private final ChoiceBox<String> trigger = new ChoiceBox<>();
    private final TextField period = new TextField("200");
    private final TextField out = new TextField();
    private final Label message = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private final Button start = new Button("Capture");
    private final Button cancel = new Button("Close");
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private Task<?> running;

    /**
     * @param opener where a finished capture goes (file written, loaded back); the default opens a review window
     */
    public CaptureDialog(Window owner, Capturer capturer, int cpus, BiConsumer<Path, LoadedRecording> opener) {
        this.capturer = capturer;
        this.cpus = cpus;
        this.opener = opener;
        cpu.setText(Integer.toString(Math.max(0, Math.min(1, cpus - 1))));
        trigger.getItems().add(TRIGGER);
        trigger.getSelectionModel().selectFirst();
        out.setText(defaultOut().toString());
        for (TextField f : List.of(cpu, seconds, period)) f.setPrefColumnCount(6);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("CPU of the FIFO loop (isolated)"), cpu);
        grid.addRow(1, new Label("Seconds"), seconds);
        grid.addRow(2, new Label("Trigger (from another CPU)"), trigger);
        grid.addRow(3, new Label("Trigger every (ms)"), period);
        grid.addRow(4, new Label("Recording"), out);
        GridPane.setHgrow(out, Priority.ALWAYS);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // labels are never cut
        grid.getColumnConstraints().add(labels);
        trigger.setMaxWidth(Double.MAX_VALUE);
        message.setWrapText(true);
        message.setMaxWidth(720);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setVisible(false);
        start.setDefaultButton(true);
        start.setOnAction(e -> start());
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> cancelOrClose());
        HBox buttons = new HBox(8, start, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(10, new Label("Records the seed's reproducer on this kernel with ftrace (needs root and tracefs)."),
                grid, bar, message, buttons);
        root.setPadding(new Insets(14));
        Scene scene = new Scene(root, 760, 330);
        for (String css : List.of("app.css", "dark.css")) { // as the review windows it opens
            var url = CaptureDialog.class.getResource("/io/qpwscope/ui/" + css);
            if (url != null) scene.getStylesheets().add(url.toExternalForm());
        }
        stage.setScene(scene);
        stage.setTitle("Capture on this machine");
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setOnCloseRequest(e -> {
            if (running != null) {
                e.consume();
                cancelOrClose();
            }
        });
    }

    /** A dialog on this machine's kernel that opens the recording in a review window. */
    public static CaptureDialog forThisMachine(Window owner) {
        return new CaptureDialog(owner, Capturer.THIS_MACHINE, Runtime.getRuntime().availableProcessors(),
                (file, loaded) -> ReviewWindows.review(new Stage(), new io.qpwscope.ui.review.ComparePane.Side(file, loaded)));
    }

    public void show() {
        stage.show();
        CaptureForm.Checked c = CaptureForm.check(cpu.getText(), seconds.getText(), period.getText(), cpus);
        CheckTask check = new CheckTask(c.ok() ? c.options().cpu() : 0);
        check.setOnSucceeded(e -> {
            if (check.getValue() != null && running == null) refuse(check.getValue());
        });
        Thread.ofPlatform().daemon(true).name("capture-check").start(check);
    }

    /** Reads the fields and starts the capture in the background; false if the fields or this machine refuse. */
    public boolean start() {
        if (running != null) return false;
        CaptureForm.Checked c = CaptureForm.check(cpu.getText(), seconds.getText(), period.getText(), cpus);
        if (!c.ok()) {
            refuse(c.problem());
            return false;
        }
        String o = out.getText().strip();
        if (o.isEmpty()) {
            refuse("Recording: a file to write");
            return false;
        }
        Path file = Path.of(o);
        cancelled.set(false);
        RunTask task = new RunTask(c.options(), file);
        running = task;
        setRunning(true);
        message.textProperty().bind(task.messageProperty());
        bar.progressProperty().bind(task.progressProperty());
        task.stateProperty().addListener((obs, was, s) -> {
            if (s == Worker.State.SUCCEEDED || s == Worker.State.FAILED) finished(task);
        });
        Thread.ofPlatform().daemon(true).name("capture").start(task);
        return true;
    }

    private void finished(RunTask task) {
        running = null;
        message.textProperty().unbind();
        bar.progressProperty().unbind();
        setRunning(false);
        if (task.getState() == Worker.State.SUCCEEDED) {
            Done d = task.getValue();
            if (d.refusal() != null) {
                refuse(d.refusal());
                return;
            }
            message.setText(d.headline());
            stage.hide();
            opener.accept(d.file(), d.loaded());
        } else if (task.getException() instanceof Capture.CancelledException) {
            message.setText("Cancelled; tracing is back as it was");
        } else {
            Throwable e = task.getException();
            refuse("capture failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private void cancelOrClose() {
        if (running == null) {
            stage.hide();
            return;
        }
        cancelled.set(true);
        cancel.setDisable(true);
        message.textProperty().unbind();
        message.setText("Cancelling: stopping the loop and restoring tracefs…");
    }

    private void refuse(String why) {
        message.textProperty().unbind();
        message.setText(why);
        message.setStyle("-fx-text-fill: #d9534f;");
    }

    private void setRunning(boolean on) {
        for (var n : List.of(cpu, seconds, trigger, period, out, start)) n.setDisable(on);
        cancel.setDisable(false);
        cancel.setText(on ? "Cancel" : "Close");
        bar.setVisible(on);
        if (on) message.setStyle("");
    }

    private static Path defaultOut() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of(System.getProperty("user.home", "."), "qpwscope-capture-" + stamp + ".qpwrec");
    }

    /** What a run ended with: a refusal, or the recording written and loaded back. */
    private record Done(String refusal, Path file, LoadedRecording loaded, String headline) {}

    /** Asks this machine once, when the dialog opens, so a refusal shows before anything is typed. */
    private final class CheckTask extends Task<String> {
        private final int loopCpu;

        CheckTask(int loopCpu) {
            this.loopCpu = loopCpu;
        }

        @Override
        protected String call() {
            return capturer.unavailable(loopCpu);
        }
    }

    private final class RunTask extends Task<Done> {
        private final Capture.Options options;
        private final Path file;

        RunTask(Capture.Options options, Path file) {
            this.options = options;
            this.file = file;
        }

        @Override
        protected Done call() throws Exception {
            updateMessage("Checking root and tracefs…");
            String why = capturer.unavailable(options.cpu());
            if (why != null) return new Done(why, null, null, null);
            Capturer.Captured c = capturer.capture(options, new Capture.Progress() {
                @Override
                public void step(String what, double fraction) {
                    updateMessage(what);
                    updateProgress(Math.min(1, Math.max(0, fraction)), 1);
                }

                @Override
                public boolean isCancelled() {
                    return cancelled.get();
                }
            });
            if (cancelled.get()) throw new Capture.CancelledException();
            updateMessage("Writing " + file.getFileName());
            RecordingFiles.save(c.recording(), file, List.of());
            LoadedRecording loaded = RecordingReader.load(file);
            updateProgress(1, 1);
            return new Done(null, file, loaded, c.headline());
        }
    }

    public Stage stage() { return stage; }

    public TextField cpuField() { return cpu; }

    public TextField secondsField() { return seconds; }

    public TextField periodField() { return period; }

    public TextField outField() { return out; }

    public ChoiceBox<String> triggerChoice() { return trigger; }

    public Label message() { return message; }

    public ProgressBar progressBar() { return bar; }

    public Button startButton() { return start; }

    public Button cancelButton() { return cancel; }

    /** True while a capture runs. */
    public boolean isRunning() { return running != null; }
}
