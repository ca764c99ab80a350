package io.qpwscope.ui;

import io.qpwscope.engine.EngineFailure;
import io.qpwscope.ui.lab.LabModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A red banner across the top of the timeline, shown the moment the running engine fails: which
 * CPU (or thread) and why, and that the recording up to the failure is kept, with Save… at hand.
 * Hidden again when a new run starts. Engine threads only post one {@code runLater} on failure.
 */
public final class FailureBanner extends VBox {
    private final Label title = new Label();
    private final Label detail = new Label("The run stopped; the recording up to the failure is kept — Save… to keep it.");
    private final Button save = new Button("Save…");
    private final Button dismiss = new Button("Dismiss");

    /**
     * @param save  saves the current run's recording to the path chosen
     * @param owner the window for the file chooser
     */
    public FailureBanner(LabModel model, Consumer<Path> save, Supplier<Window> owner) {
        getStyleClass().add("failure-banner");
        setStyle("-fx-background-color: #b3261e; -fx-padding: 14 20 14 20; -fx-spacing: 6;");
        setMaxHeight(USE_PREF_SIZE);
        StackPane.setAlignment(this, Pos.TOP_CENTER);
        title.setStyle("-fx-text-fill: white; -fx-font-size: 22px; -fx-font-weight: bold;");
        title.setWrapText(true);
        detail.setStyle("-fx-text-fill: white; -fx-font-size: 15px;");
        detail.setWrapText(true);
        this.save.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Save the recording up to the failure");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("QPW recording", "*.qpwrec"));
            fc.setInitialFileName("failed-run.qpwrec");
            File f = fc.showSaveDialog(owner.get());
            if (f != null) save.accept(f.toPath());
        });
        dismiss.setOnAction(e -> hide());
        HBox actions = new HBox(8, this.save, dismiss);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, detail, actions);
        setPadding(new Insets(14, 20, 14, 20));
        hide();
        model.failureProperty().addListener((o, a, f) -> {
            if (f == null) hide(); else show(f);
        });
    }

    /** Shows {@code f} (FX thread). */
    public void show(EngineFailure f) {
        title.setText(headline(f));
        setVisible(true);
        setManaged(true);
    }

    public void hide() {
        setVisible(false);
        setManaged(false);
    }

    /** The banner's first line: {@code CPU 3 failed: LockdepException: ... in work fn X}. */
    public static String headline(EngineFailure f) {
        String line = f.describe();
        return f.cpu() >= 0 ? "CPU " + f.cpu() + line.substring(line.indexOf(' ')) : line;
    }

    public String titleText() {
        return title.getText();
    }
}
