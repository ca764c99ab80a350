package io.qpwscope.ui;

import io.qpwscope.ui.timeline.index.QueueTable;
import io.qpwscope.ui.timeline.index.SpanKind;
import io.qpwscope.ui.timeline.index.SpanTable;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import io.qpwscope.ui.timeline.TimelineView;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Drives the real app into a state worth a screenshot (for assets/ and for looking at what a
 * presenter sees). Test code; run under {@code shared/tools/screenshot.sh}:
 * <pre>
 * java -Dprism.order=sw -cp target/qpwscope.jar:target/test-classes io.qpwscope.ui.ScreenshotTour qpw0-drain [light] [present] [periodic] [edited]
 * </pre>
 * States: {@code live} (as started), {@code qpw0-drain} (switch to qpw=0, then show the drain
 * that interrupted cpu3, from queue_work_on to the kworker run), {@code qpw0-interruption}
 * (close-up of that interruption), {@code qpw1-drain} (the last drain under qpw=1),
 * {@code overview} (whole run, after a switch to qpw=0 and back).
 */
public final class ScreenshotTour {
    private ScreenshotTour() {}

    public static void main(String[] args) {
        Application.launch(Tour.class, args);
    }

    public static final class Tour extends Application {
        private final QpwScopeApp app = new QpwScopeApp();

        @Override
        public void start(Stage stage) {
            app.start(stage);
            stage.setX(0);
            stage.setY(0);
            var screen = javafx.stage.Screen.getPrimary().getBounds(); // 1600x1000, or a smaller screen (SIZE=1280x720) whole
            stage.setWidth(Math.min(1600, screen.getWidth()));
            stage.setHeight(Math.min(1000, screen.getHeight()));
            List<String> a = getParameters().getRaw();
            String state = a.isEmpty() ? "live" : a.getFirst();
            MainWindow w = app.window();
            if (a.contains("light")) w.controls().darkProperty().set(false);
            if (a.contains("present")) w.controls().presentationProperty().set(true);
            TimelineView v = w.timeline();
            if (a.contains("periodic")) { // the seed's task writes once: only this one keeps CPU 3's batch filling
                w.openAndRun(java.nio.file.Path.of("scenarios/isolated-rt-periodic-write.json"));
            }
            if (a.contains("edited")) { // as a kernel config change does: the picker marks the scenario "(edited)"
                at(1.0, () -> {
                    var sc = app.model().scenario();
                    app.model().reboot(io.qpwscope.ui.lab.ScenarioEdits.with(sc,
                            new io.qpwscope.scenario.Scenario.TraceOptions(sc.trace().ringRecords(), !sc.trace().lockEvents())));
                });
            }
            switch (state) {
                case "qpw0-drain", "qpw0-interruption" -> {
                    at(2.0, () -> ((org.controlsfx.control.ToggleSwitch) w.scene().lookup("#qpw-switch")).setSelected(false));
                    at(9.0, () -> {
                        if (state.equals("qpw0-drain")) {
                            showInterruptingDrain(v);
                        } else if (v.jumpToLastInterruption()) {
                            at(0.5, () -> selectInterruption(v));
                        }
                    });
                }
                case "qpw1-drain" -> at(8.0, v::jumpToLastDrain);
                case "overview" -> {
                    at(3.0, () -> ((org.controlsfx.control.ToggleSwitch) w.scene().lookup("#qpw-switch")).setSelected(false));
                    at(6.0, () -> ((org.controlsfx.control.ToggleSwitch) w.scene().lookup("#qpw-switch")).setSelected(true));
                    at(9.0, v::fitAll);
                }
                default -> { }
            }
        }

        /** Fits the view from the WORK_QUEUED (on the trigger CPU) to the interruption it caused on cpu3. */
        private static void showInterruptingDrain(TimelineView v) {
            TimelineIndex idx = v.index();
            SpanTable st = idx.lane(3).spans();
            for (int i = st.size() - 1; i >= 0; i--) {
                if (st.kind(i) != SpanKind.INTERRUPTION) continue;
                long s = st.start(i), e = st.end(i);
                int from = st.peer(i);
                QueueTable q = idx.lane(Math.max(0, from)).queued();
                for (int k = q.size() - 1; k >= 0; k--) {
                    if (q.startLane(k) == 3 && q.startTs(k) >= s - 1_000_000 && q.startTs(k) <= e) {
                        double d = e - q.queuedTs(k);
                        v.pause();
                        v.viewport().fit(q.queuedTs(k) - 0.08 * d, e + 0.08 * d);
                        return;
                    }
                }
            }
            v.jumpToLastInterruption();
        }

        /** Clicks the middle of cpu3's task row, where jumpToLastInterruption centred it. */
        private static void selectInterruption(TimelineView v) {
            var lay = v.renderer().layout();
            double x = v.renderer().style().gutterWidth + v.viewport().widthPx() / 2.0;
            double y = lay.rowTop(3, io.qpwscope.ui.timeline.index.LaneRow.TASK) + lay.rowHeight(io.qpwscope.ui.timeline.index.LaneRow.TASK) / 2;
            v.selectAt(x, y);
        }

        private static void at(double seconds, Runnable r) {
            PauseTransition p = new PauseTransition(Duration.seconds(seconds));
            p.setOnFinished(e -> r.run());
            p.play();
        }

        @Override
        public void stop() {
            app.stop();
        }
    }
}
