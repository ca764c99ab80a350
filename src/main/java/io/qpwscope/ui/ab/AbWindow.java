package io.qpwscope.ui.ab;

import io.qpwscope.scenario.Scenario;
import io.qpwscope.ui.MainWindow;
import io.qpwscope.ui.WindowSize;
import java.util.Objects;
import javafx.geometry.Dimension2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.stage.Stage;

/**
 * The live A/B window: an {@link AbPane} in a stage of its own, started on open; closing the
 * window stops both machines. F5 toggles presentation mode, F11 full screen.
 */
public final class AbWindow {
    public static final String TITLE = "QPW Scope — Live A/B (qpw=0 vs qpw=1)";

    private final Stage stage;
    private final AbPane pane;
    private boolean presentation;

    /** Builds the window on {@code stage} for {@code scenario}; {@link #show()} starts both machines. */
    public AbWindow(Stage stage, Scenario scenario) {
        this.stage = stage;
        this.pane = new AbPane(scenario);
        Dimension2D size = WindowSize.fitted(1600, 1000);
        Scene scene = new Scene(pane, size.getWidth(), size.getHeight());
        scene.getStylesheets().addAll(css("app.css"), css("dark.css"));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), () -> setPresentation(!presentation));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F11), () -> stage.setFullScreen(!stage.isFullScreen()));
        stage.setScene(scene);
        stage.setTitle(TITLE + " — " + scenario.name());
        stage.setOnHidden(e -> pane.dispose());
    }

    /** Opens a window for {@code scenario} and starts both machines. */
    public static AbWindow open(Scenario scenario) {
        AbWindow w = new AbWindow(new Stage(), scenario);
        w.show();
        return w;
    }

    /** Shows the window and starts both machines. */
    public void show() {
        stage.show();
        pane.start();
    }

    public void setPresentation(boolean on) {
        presentation = on;
        pane.setPresentation(on);
    }

    public AbPane pane() { return pane; }

    public Stage stage() { return stage; }

    private static String css(String name) {
        return Objects.requireNonNull(MainWindow.class.getResource(name), name).toExternalForm();
    }
}
