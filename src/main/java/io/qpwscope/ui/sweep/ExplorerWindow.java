package io.qpwscope.ui.sweep;

import io.qpwscope.scenario.Scenario;
import java.util.Objects;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Opens the trade-off explorer in its own window, with the lab's stylesheets. */
public final class ExplorerWindow {
    private ExplorerWindow() {}

    /**
     * @param owner     the lab's window (the explorer stays above it), or null
     * @param beforeRun runs before each sweep (the lab stops its live run: its CPU threads would compete for cores)
     */
    public static ExplorerPane open(Stage stage, Window owner, Scenario scenario, Runnable beforeRun) {
        ExplorerPane pane = new ExplorerPane(scenario, beforeRun);
        javafx.geometry.Dimension2D size = io.qpwscope.ui.WindowSize.fitted(1600, 1000);
        Scene scene = new Scene(pane, size.getWidth(), size.getHeight());
        scene.getStylesheets().addAll(css("/io/qpwscope/ui/app.css"), css("/io/qpwscope/ui/dark.css"),
                css("/io/qpwscope/ui/sweep/explorer.css"));
        if (owner != null && stage.getOwner() == null) stage.initOwner(owner);
        stage.setScene(scene);
        stage.setTitle("QPW Scope — trade-off explorer — " + scenario.name());
        stage.setOnHidden(e -> pane.cancel());
        stage.show();
        return pane;
    }

    private static String css(String name) {
        return Objects.requireNonNull(ExplorerWindow.class.getResource(name), name).toExternalForm();
    }
}
