package io.qpwscope.ui;

import javafx.application.Application;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The lab in presentation mode filling the screen, for a look at what a 1280x720 projector
 * shows. Test code; run under {@code shared/tools/screenshot.sh} with {@code SIZE=1280x720}:
 * <pre>
 * java -Dprism.order=sw -cp target/qpwscope.jar:target/test-classes io.qpwscope.ui.PresentationShot
 * </pre>
 */
public final class PresentationShot {
    private PresentationShot() {}

    public static void main(String[] args) {
        Application.launch(Shot.class, args);
    }

    public static final class Shot extends Application {
        private final QpwScopeApp app = new QpwScopeApp();

        @Override
        public void start(Stage stage) {
            app.start(stage);
            var b = Screen.getPrimary().getVisualBounds();
            stage.setX(b.getMinX());
            stage.setY(b.getMinY());
            stage.setWidth(b.getWidth());
            stage.setHeight(b.getHeight());
            app.window().controls().presentationProperty().set(true);
        }

        @Override
        public void stop() {
            app.stop();
        }
    }
}
