package io.qpwscope.ui;

import io.qpwscope.ui.lab.LabModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The QPW Scope desktop lab. Opens on the default scenario (scenarios/isolated-rt-flushbufs.json
 * when run from the project directory, else the copy inside the jar) and starts it live.
 * Launched through {@link io.qpwscope.Launcher} (a plain main class, so the shaded jar works).
 */
public final class QpwScopeApp extends Application {
    /**
     * System property: close the window once the timeline has drawn its first frame with data
     * (the AOT cache's training run and start-up measurements use it), or after
     * {@link #FIRST_FRAME_TIMEOUT_NS} if none came.
     */
    public static final String EXIT_AFTER_FIRST_FRAME = "qpwscope.exitAfterFirstFrame";
    static final long FIRST_FRAME_TIMEOUT_NS = 120_000_000_000L;

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
        if (Boolean.getBoolean(EXIT_AFTER_FIRST_FRAME)) exitAfterFirstFrame();
    }

    /** Closes half a second after the first frame, so the status line has reported it. */
    private void exitAfterFirstFrame() {
        long start = System.nanoTime();
        new AnimationTimer() {
            private long drawnAt = -1;

            @Override
            public void handle(long now) {
                if (drawnAt < 0 && window.timeline().firstFrameUptimeMs() >= 0) drawnAt = now;
                boolean settled = drawnAt >= 0 && now - drawnAt > 500_000_000L;
                boolean timedOut = now - start > FIRST_FRAME_TIMEOUT_NS;
                if (!settled && !timedOut) return;
                if (!settled) System.err.println("qpwscope: no timeline frame within 120 s; closing");
                stop();
                Platform.exit();
            }
        }.start();
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
