package io.qpwscope.ui.review;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

/**
 * Runs one long file operation at a time on a daemon thread and shows it: title, progress
 * bar bound to the task, Cancel. Hidden while idle; afterwards shows one line saying how it
 * ended (kept until the next operation).
 */
public final class TaskStrip extends HBox {
    private final Label title = new Label();
    private final ProgressBar bar = new ProgressBar();
    private final Button cancel = new Button("Cancel");
    private final Label outcome = new Label();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private Task<?> current;

    public TaskStrip() {
        super(8);
        getStyleClass().add("task-strip");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        bar.setPrefWidth(260);
        cancel.setOnAction(e -> {
            if (current != null) current.cancel();
        });
        outcome.getStyleClass().add("task-outcome");
        getChildren().addAll(title, bar, cancel, outcome);
        showIdle();
    }

    /**
     * Starts {@code task}; on success {@code done} gets its value on the FX thread, failure
     * and cancellation are reported in the strip (and failure to {@code failed}).
     * @return false if another operation is still running (nothing started)
     */
    public <T> boolean run(Task<T> task, Consumer<T> done, Consumer<Throwable> failed) {
        if (busy.get()) return false;
        current = task;
        busy.set(true);
        title.textProperty().bind(task.titleProperty());
        bar.progressProperty().bind(task.progressProperty());
        setShown(true);
        bar.setVisible(true);
        cancel.setVisible(true);
        outcome.setText("");
        task.stateProperty().addListener((o, a, s) -> {
            if (s == Worker.State.SUCCEEDED) {
                finish(task.getTitle() + ": done");
                done.accept(task.getValue());
            } else if (s == Worker.State.FAILED) {
                finish(task.getTitle() + " failed: " + Errors.describe(task.getException()));
                failed.accept(task.getException());
            } else if (s == Worker.State.CANCELLED) {
                finish(task.getTitle() + ": cancelled");
            }
        });
        Thread t = new Thread(task, "review-" + task.getTitle().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        t.setDaemon(true);
        t.start();
        return true;
    }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public Label outcome() { return outcome; }

    public Button cancelButton() { return cancel; }

    private void finish(String text) {
        title.textProperty().unbind();
        bar.progressProperty().unbind();
        current = null;
        busy.set(false);
        title.setText("");
        bar.setVisible(false);
        cancel.setVisible(false);
        outcome.setText(text);
    }

    private void showIdle() {
        bar.setVisible(false);
        cancel.setVisible(false);
        setShown(false);
    }

    private void setShown(boolean on) {
        setVisible(on);
        setManaged(on);
    }

    /** Shows a one-line message in the strip (no operation running). */
    public void say(String text) {
        if (busy.get()) return;
        setShown(true);
        outcome.setText(text);
    }
}
