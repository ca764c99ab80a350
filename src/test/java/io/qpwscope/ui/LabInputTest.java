package io.qpwscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.Trigger;
import io.qpwscope.ui.timeline.PlaybackClock;
import io.qpwscope.ui.timeline.TimelineView;
import io.qpwscope.ui.timeline.index.Landmarks;
import io.qpwscope.ui.timeline.index.LaneRow;
import io.qpwscope.ui.timeline.index.SelectionStats;
import io.qpwscope.ui.timeline.index.SpanKind;
import io.qpwscope.ui.timeline.input.TimelineHit;
import io.qpwscope.ui.timeline.input.TimelineKeys;
import io.qpwscope.ui.timeline.input.TimelineWheel;
import io.qpwscope.ui.timeline.render.LaneLayout;
import io.qpwscope.ui.timeline.render.Viewport;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lab window driven the way people use it: keys, wheel, drags and clicks sent by the
 * TestFX robot to a running window with a real engine on the default 4-CPU scenario, each
 * test reading back the state the gesture should have produced.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LabInputTest {
    private static FxSupport.Lab lab;
    private static QpwScopeApp app;
    private static Stage stage;
    private static MainWindow w;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startLab() throws Exception {
        lab = FxSupport.startLab(1240, 760);
        app = lab.app();
        stage = lab.stage();
        w = app.window();
        await("first frame drawn", () -> w.timeline().firstFrameUptimeMs() >= 0, 60);
    }

    @AfterAll
    static void stopLab() throws Exception {
        if (lab != null) lab.close();
    }

    /** Every test starts from the live view, nothing selected, normal mode, timeline focused. */
    @BeforeEach
    void liveAndFocused() throws Exception {
        FxSupport.onFx(() -> {
            if (w.presentation()) w.controls().presentationProperty().set(false);
            w.timeline().clearSelection();
            w.timeline().followLive();
            stage.toFront();
            w.timeline().requestFocus();
            w.timeline().renderNow();
        });
        await("timeline focused", () -> w.timeline().isFocused(), 10);
    }

    @Test
    void shouldZoomInOnWAndOutOnSByTheKeyStep() throws Exception {
        Viewport vp = pausedOnData();
        double before = onFx(vp::nsPerPx);
        robot.type(KeyCode.W);
        double in = onFx(vp::nsPerPx);
        assertEquals(before * TimelineKeys.ZOOM_STEP, in, before * 1e-9, "W narrows the time span by the key step");
        robot.type(KeyCode.S);
        assertEquals(before, onFx(vp::nsPerPx), before * 1e-9, "S undoes W");
    }

    @Test
    void shouldPanRightOnDAndLeftOnAByAShareOfTheWidth() throws Exception {
        Viewport vp = pausedOnData();
        double start = onFx(vp::startNs), scale = onFx(vp::nsPerPx);
        double step = onFx(vp::widthPx) * TimelineKeys.PAN_SHARE * scale;
        robot.type(KeyCode.D);
        assertEquals(start + step, onFx(vp::startNs), scale * 1e-3, "D moves the view later in time");
        robot.type(KeyCode.A, 2);
        assertEquals(start - step, onFx(vp::startNs), scale * 1e-3, "A moves it earlier");
        assertEquals(scale, onFx(vp::nsPerPx), 0.0, "panning keeps the scale");
    }

    @Test
    void shouldZoomAroundThePointerOnTheWheel() throws Exception {
        Viewport vp = pausedOnData();
        double plotX = onFx(() -> vp.widthPx() * 0.3);
        double canvasX = plotX + onFx(() -> w.timeline().renderer().style().gutterWidth);
        double y = onFx(() -> w.timeline().renderer().layout().rowTop(0, LaneRow.TASK));
        double before = onFx(vp::nsPerPx);
        double tAtPointer = onFx(() -> vp.tOf(plotX));
        robot.moveTo(screen(canvasX, y));
        robot.scroll(1, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        double after = onFx(vp::nsPerPx);
        assertTrue(after < before, "wheel up zooms in: " + before + " -> " + after);
        double notches = Math.log(after / before) / Math.log(TimelineWheel.NOTCH_FACTOR);
        assertEquals(Math.rint(notches), notches, 1e-6, "the scale changed by whole notches of the wheel factor");
        assertEquals(tAtPointer, onFx(() -> vp.tOf(plotX)), before * 1.5, "the time under the pointer stays under it");
        robot.scroll(1, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, onFx(vp::nsPerPx), before * 1e-9, "wheel down zooms back out");
    }

    @Test
    void shouldPanByTheDraggedDistance() throws Exception {
        Viewport vp = pausedOnData();
        double start = onFx(vp::startNs), scale = onFx(vp::nsPerPx);
        double x0 = onFx(() -> w.timeline().renderer().style().gutterWidth + vp.widthPx() * 0.6);
        double y = onFx(() -> w.timeline().renderer().layout().rowTop(0, LaneRow.TASK));
        robot.moveTo(screen(x0, y)).press(MouseButton.PRIMARY).moveTo(screen(x0 - 200, y)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(start + 200 * scale, onFx(vp::startNs), 2 * scale, "dragging left by 200 px shows 200 px later");
        assertEquals(scale, onFx(vp::nsPerPx), 0.0);
        assertFalse(onFx(w.timeline()::following));
        assertNull(onFx(() -> w.timeline().selectionProperty().get()), "a plain drag selects nothing");
    }

    @Test
    void shouldSelectTheShiftDraggedRangeAndShowItsStatistics() throws Exception {
        Viewport vp = pausedOnData();
        double left = onFx(() -> w.timeline().renderer().style().gutterWidth);
        double x0 = left + onFx(vp::widthPx) * 0.2, x1 = left + onFx(vp::widthPx) * 0.7;
        double t0 = onFx(() -> vp.tOf(x0 - left)), t1 = onFx(() -> vp.tOf(x1 - left)), px = onFx(vp::nsPerPx);
        double y = onFx(() -> w.timeline().renderer().layout().rowTop(0, LaneRow.WORK));
        double start = onFx(vp::startNs);
        // The headless glass robot does not carry a held Shift into mouse events, so this
        // gesture is dispatched as the events a shift-drag produces, through the real handlers.
        shiftDrag(x0, x1, y);
        WaitForAsyncUtils.waitForFxEvents();
        SelectionStats.Result r = onFx(() -> w.timeline().selectionProperty().get());
        assertNotNull(r, "shift-drag selects a range");
        assertEquals(t0, r.startNs(), 2 * px, "the range starts where the drag started");
        assertEquals(t1, r.endNs(), 2 * px, "and ends where it ended");
        assertEquals(t0, onFx(w.timeline()::selectionStartNs), 2 * px);
        assertEquals(start, onFx(vp::startNs), 0.0, "a selection does not pan");
        String shown = onFx(w.details()::rangeText);
        assertTrue(shown.startsWith("Range "), "the details show the range's statistics: " + shown);
        assertEquals(4, (int) onFx(() -> w.details().table().getItems().size()), "one statistics row per CPU");
    }

    @Test
    void shouldShowAClickedSpanInTheDetails() throws Exception {
        pausedOnData();
        double[] at = onFx(LabInputTest::findSpan);
        assertNotNull(at, "some span is drawn in the paused view");
        TimelineHit expected = onFx(() -> w.timeline().hitAt(at[0], at[1]));
        robot.clickOn(screen(at[0], at[1]));
        WaitForAsyncUtils.waitForFxEvents();
        TimelineHit selected = onFx(() -> w.timeline().selectedProperty().get());
        assertNotNull(selected, "the click selected the item under the pointer");
        assertEquals(expected.kind(), selected.kind());
        String details = onFx(w.details()::text);
        String kindWord = selected.kind().label.split(" ")[0].toLowerCase(Locale.ROOT);
        assertTrue(details.toLowerCase(Locale.ROOT).contains(kindWord),
                "the details name the span's kind (" + selected.kind().label + "): " + details);
        assertTrue(details.startsWith(selected.title()), details);
    }

    @Test
    void shouldPauseAndResumeFollowingOnSpace() throws Exception {
        assertEquals(PlaybackClock.Mode.LIVE, onFx(() -> w.timeline().clock().mode()));
        robot.type(KeyCode.SPACE);
        assertEquals(PlaybackClock.Mode.PAUSED, onFx(() -> w.timeline().clock().mode()), "Space pauses");
        assertFalse(onFx(w.timeline()::following));
        await("status says paused", () -> {
            w.timeline().renderNow();
            return w.timeline().statusProperty().get().equals("PAUSED");
        }, 10);
        robot.type(KeyCode.SPACE);
        assertEquals(PlaybackClock.Mode.LIVE, onFx(() -> w.timeline().clock().mode()), "Space again resumes live");
        assertTrue(onFx(w.timeline()::following));
    }

    @Test
    void shouldJumpToTheLastDrainOnJ() throws Exception {
        robot.clickOn("#" + ControlBar.triggerId(Trigger.FLUSHBUFS));
        await("a drain indexed", () -> {
            w.timeline().renderNow();
            return Landmarks.lastDrain(w.timeline().index()) != null;
        }, 60);
        FxSupport.onFx(() -> w.timeline().requestFocus());
        await("timeline focused", () -> w.timeline().isFocused(), 10);
        double spanBefore = onFx(() -> w.timeline().viewport().spanNs());
        long before = onFx(() -> Landmarks.lastDrain(w.timeline().index()))[0];
        robot.type(KeyCode.J);
        long after = onFx(() -> Landmarks.lastDrain(w.timeline().index()))[0];
        Viewport vp = w.timeline().viewport();
        double s0 = onFx(vp::startNs), s1 = onFx(vp::endNs);
        // the scenario fires triggers of its own: the last drain at the key press started in [before, after]
        boolean shown = onFx(() -> {
            var spans = w.timeline().index().lane(app.model().triggerCpu()).spans();
            for (int i = 0; i < spans.size(); i++) {
                long t = spans.start(i);
                if (spans.kind(i) == SpanKind.TRIGGER && t >= before && t <= after && s0 < t && t < s1) return true;
            }
            return false;
        });
        assertTrue(shown, "the view [" + s0 + ", " + s1 + "] shows the start of a drain in [" + before + ", " + after + "]");
        assertTrue(onFx(vp::spanNs) < spanBefore, "J zooms in onto the drain");
        assertFalse(onFx(w.timeline()::following), "and holds the view there");
    }

    @Test
    void shouldTogglePresentationModeOnF5() throws Exception {
        robot.type(KeyCode.F5);
        assertTrue(onFx(() -> w.scene().getRoot().getStyleClass().contains("presentation")), "F5 turns presentation on");
        assertTrue(onFx(() -> w.controls().presentationProperty().get()), "and the Present button shows it");
        assertFalse(onFx(() -> isShown(w.details())), "the side pane is folded away");
        robot.type(KeyCode.F5);
        assertFalse(onFx(() -> w.scene().getRoot().getStyleClass().contains("presentation")), "F5 again turns it off");
        assertTrue(onFx(() -> isShown(w.details())), "the side pane is back");
    }

    @Test
    void shouldFlipTheEngineModeWhenTheQpwSwitchIsClicked() throws Exception {
        int before = onFx(() -> app.model().qpwProperty().get());
        await("switch enabled", () -> !w.scene().lookup("#qpw-switch").isDisabled(), 30);
        robot.clickOn("#qpw-switch .thumb-area");
        await("engine switched", () -> app.model().qpwProperty().get() == 1 - before, 60);
        assertNotEquals(before, onFx(() -> app.model().qpwProperty().get()));
        await("switch enabled again", () -> !w.scene().lookup("#qpw-switch").isDisabled(), 30);
        robot.clickOn("#qpw-switch .thumb-area");
        await("engine switched back", () -> app.model().qpwProperty().get() == before, 60);
    }

    // ---- helpers ----------------------------------------------------------------------

    private static void shiftDrag(double x0, double x1, double y) throws Exception {
        javafx.scene.Node canvas = onFx(() -> w.timeline().getChildrenUnmodifiable().getFirst());
        mouse(canvas, javafx.scene.input.MouseEvent.MOUSE_PRESSED, x0, y);
        for (int i = 1; i <= 10; i++) mouse(canvas, javafx.scene.input.MouseEvent.MOUSE_DRAGGED, x0 + (x1 - x0) * i / 10, y);
        mouse(canvas, javafx.scene.input.MouseEvent.MOUSE_RELEASED, x1, y);
    }

    private static void mouse(javafx.scene.Node target, javafx.event.EventType<javafx.scene.input.MouseEvent> type,
                              double x, double y) throws Exception {
        FxSupport.onFx(() -> {
            Point2D s = target.localToScreen(x, y);
            javafx.event.Event.fireEvent(target, new javafx.scene.input.MouseEvent(type, x, y, s.getX(), s.getY(),
                    MouseButton.PRIMARY, 1, true, false, false, false, type != javafx.scene.input.MouseEvent.MOUSE_RELEASED,
                    false, false, false, false, false, null));
        });
    }

    /** Pauses the view (setup, not the gesture under test) and returns its viewport. */
    private static Viewport pausedOnData() throws Exception {
        FxSupport.onFx(() -> {
            w.timeline().pause();
            w.timeline().renderNow();
        });
        return w.timeline().viewport();
    }

    private static boolean isShown(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) return false;
            if (p.getParent() == null) return p == w.scene().getRoot();
        }
        return false;
    }

    /** Canvas coordinates of some drawn span in a task row (task, kworker, interruption), or null. */
    private static double[] findSpan() {
        TimelineView v = w.timeline();
        LaneLayout lay = v.renderer().layout();
        double left = v.renderer().style().gutterWidth, width = v.viewport().widthPx();
        for (int lane = 0; lane < lay.lanes(); lane++) {
            for (LaneRow row : new LaneRow[] {LaneRow.TASK}) {
                double y = lay.rowTop(lane, row) + lay.rowHeight(row) / 2;
                for (double x = left + 5; x < left + width - 5; x += 7) {
                    TimelineHit h = v.hitAt(x, y);
                    if (h != null && h.kind() != null) return new double[] {x, y};
                }
            }
        }
        return null;
    }

    private static Point2D screen(double canvasX, double canvasY) throws Exception {
        return onFx(() -> w.timeline().localToScreen(canvasX, canvasY));
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return FxSupport.onFx(c);
    }

    private static void await(String what, Callable<Boolean> c, long seconds) throws Exception {
        FxSupport.await(what, c, seconds);
    }
}
