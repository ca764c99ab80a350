package io.qpwscope.ui.sweep;

import io.qpwscope.scenario.ScenarioLoader;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * Opens the trade-off explorer on the seed scenario and runs a sweep, for a screenshot (test
 * code; run under {@code shared/tools/screenshot.sh}):
 * <pre>
 * java -Dprism.order=sw -cp target/qpwscope.jar:target/test-classes io.qpwscope.ui.sweep.ExplorerShot [PATH VALUES [DURATION]]
 * </pre>
 * Default: {@code triggers[0].everyMs 50,100,200,300 "1 s"}.
 */
public final class ExplorerShot {
    private ExplorerShot() {}

    public static void main(String[] args) {
        Application.launch(Shot.class, args);
    }

    /** The application (a class apart: a main class extending Application needs the module path). */
    public static final class Shot extends Application {
    @Override
    public void start(Stage stage) throws Exception {
        var a = getParameters().getRaw();
        ExplorerPane pane = ExplorerWindow.open(stage, null, new ScenarioLoader().loadBundled(ScenarioLoader.DEFAULT_SCENARIO), () -> { });
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1600);
        stage.setHeight(1000);
        pane.pathField().setText(a.size() > 0 ? a.get(0) : "triggers[0].everyMs");
        pane.valuesField().setText(a.size() > 1 ? a.get(1) : "50,100,200,300");
        pane.durationBox().setValue(a.size() > 2 ? a.get(2) : "1 s");
        pane.run();
    }
    }
}
