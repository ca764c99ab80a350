package io.qpwscope.ui;

import io.qpwscope.ui.lab.LabModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The QPW Scope desktop lab. Opens on the default scenario (scenarios/isolated-rt-flushbufs.json
 * when run from the project directory, else the copy inside the jar) and starts it live.
 * Launched through {@link io.qpwscope.Launcher} (a plain main class, so the shaded jar works).
 */
public final class QpwScopeApp extends Application {
    private LabModel model;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        model = new LabModel();
        window = new MainWindow(stage, model);
        Path def = ControlBar.SCENARIO_DIR.resolve(io.qpwscope.scenario.ScenarioLoader.DEFAULT_SCENARIO);
        if (Files.isRegularFile(def)) {
            window.openAndRun(def);
        } else {
            model.openDefault();
            model.run();
        }
        stage.show();
    }

    @Override
    public void stop() {
        if (window != null) window.dispose();
        if (model != null) model.close();
    }

    /** For tests: the window built by {@link #start}. */
    public MainWindow window() {
        return window;
    }

    public LabModel model() {
        return model;
    }
}
