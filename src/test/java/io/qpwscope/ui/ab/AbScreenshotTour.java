package io.qpwscope.ui.ab;

import io.qpwscope.trace.Trigger;
import io.qpwscope.ui.timeline.TimelineView;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Drives the live A/B window into the state a presenter shows (for assets/ and for looking at
 * it). Test code; run under {@code shared/tools/screenshot.sh}:
 * <pre>
 * java -Dprism.order=sw -cp target/qpwscope.jar:target/test-classes io.qpwscope.ui.ab.AbScreenshotTour [present] [live]
 * </pre>
 * Presses {@code blockdev --flushbufs} once, a few seconds after both machines run, waits until A's CPU 3 has run the
 * queued drain, then (unless {@code live}) fits both groups to that drain.
 */
public final class AbScreenshotTour {
    private AbScreenshotTour() {}

    public static void main(String[] args) {
        Application.launch(Tour.class, args);
    }

    public static final class Tour extends Application {
        private AbWindow window;

        @Override
        public void start(Stage stage) throws Exception {
            List<String> a = getParameters().getRaw();
            window = new AbWindow(stage, AbApp.load(null));
            stage.setX(0);
            stage.setY(0);
            if (a.contains("present")) {
                stage.setWidth(1280);
                stage.setHeight(720);
                window.setPresentation(true);
            } else {
                stage.setWidth(1600);
                stage.setHeight(1000);
            }
            window.show();
            TimelineView va = window.pane().sideA().view();
            boolean[] pressed = {false};
            Timeline watch = new Timeline();
            watch.getKeyFrames().add(new KeyFrame(Duration.millis(250), e -> {
                AbSession.Pair p = window.pane().session().pair();
                if (!pressed[0]) {
                    pressed[0] = p != null && p.a().running() && window.pane().fire(Trigger.FLUSHBUFS);
                    return;
                }
                if (va.index() == null || va.index().interruptions(3) == 0) return;
                watch.stop();
                if (!a.contains("live")) va.jumpToLastDrain();
            }));
            watch.setCycleCount(Timeline.INDEFINITE);
            watch.setDelay(Duration.seconds(3));
            watch.play();
        }

        @Override
        public void stop() {
            if (window != null) window.pane().dispose();
        }
    }
}
