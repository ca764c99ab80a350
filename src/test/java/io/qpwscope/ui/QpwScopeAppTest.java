package io.qpwscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.Trigger;
import io.qpwscope.ui.timeline.index.LaneRow;
import io.qpwscope.ui.timeline.index.SpanKind;
import io.qpwscope.ui.timeline.index.SpanTable;
import io.qpwscope.ui.timeline.input.TimelineHit;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import io.qpwscope.ui.timeline.TimelineView;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole lab on the real engine, headless: start the app on the default scenario, flip the
 * qpw switch, press blockdev --flushbufs, and read back from the drawn timeline that the
 * isolated CPU's lane shows interruptions under qpw=0 and none under qpw=1.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class QpwScopeAppTest {
    private static final int ISOLATED = 3;
    private static FxSupport.Lab lab;
    private static QpwScopeApp app;
    private static Stage stage;

    @BeforeAll
    static void startApp() throws Exception {
        lab = FxSupport.startLab(1240, 760);
        app = lab.app();
        stage = lab.stage();
        // Reboot through the kernel config sheet (the path a user takes) without lock fast-path
        // records: this check does not need them, and the shared test machine is busy enough.
        // The default scenario is the seed's reproducer: its isolated task writes once, before its
        // loop, so only the first drain reaches CPU 3. This test drains on demand, so it runs the
        // scenario whose isolated task keeps writing.
        var seed = FxSupport.onFx(() -> app.model().engine());
        assertEquals("QPW Scope — isolated-rt-flushbufs", FxSupport.onFx(stage::getTitle), "the app opens on the default scenario");
        var periodic = new io.qpwscope.scenario.ScenarioLoader().load(java.nio.file.Path.of("scenarios/isolated-rt-periodic-write.json"));
        assertTrue(FxSupport.onFx(() -> app.model().reboot(periodic)), "the periodic-write scenario boots");
        await("running the periodic-write scenario", () -> app.model().engine() != seed && app.model().runningProperty().get(), 30);
        var first = FxSupport.onFx(() -> app.model().engine());
        FxSupport.onFx(() -> {
            for (var item : java.util.List.copyOf(app.window().config().sheet().getItems())) {
                if (item.getName().equals("Trace lock ops")) item.setValue(false);
            }
            return null;
        });
        await("rebooted without lock tracing", () -> app.model().engine() != first && app.model().runningProperty().get()
                && !app.model().scenario().trace().lockEvents(), 30);
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (lab != null) lab.close();
    }

    @Test
    void shouldShowInterruptionsOnTheIsolatedLaneUnderQpw0AndNoneUnderQpw1() throws Exception {
        MainWindow w = app.window();
        assertEquals("QPW Scope — isolated-rt-periodic-write", FxSupport.onFx(stage::getTitle));
        assertEquals(1, FxSupport.onFx(() -> app.model().qpwProperty().get()), "nohz_full=3 auto-enables qpw=1 (v3)");
        assertTrue(FxSupport.onFx(() -> qpwSwitch(w).isSelected()), "the switch shows the booted mode");
        assertTrue(FxSupport.onFx(() -> w.config().effectiveLabel().getText()).contains("qpw=1"));

        // qpw=0: flip the switch, then blockdev --flushbufs
        FxSupport.onFx(() -> qpwSwitch(w).setSelected(false));
        await("engine in qpw=0", () -> app.model().qpwProperty().get() == 0, 30);
        FxSupport.onFx(() -> flushbufs(w).fire());
        await("an interruption indexed on the isolated lane", () -> {
            w.timeline().renderNow();
            return w.timeline().index().interruptions(ISOLATED) > 0;
        }, 60);
        long[] first = FxSupport.onFx(() -> firstSpan(w.timeline().index(), ISOLATED, SpanKind.INTERRUPTION, 0));
        assertNotNull(first);
        await("the view's live edge past the interruption", () -> {
            w.timeline().renderNow();
            return w.timeline().index().frontier() > first[1] + 50_000;
        }, 30);
        Drawn qpw0 = FxSupport.onFx(() -> drawn(w.timeline(), first[0] - 50_000, first[1] + 50_000));
        assertTrue(qpw0.summaryColumns > 0, "the pixel summary has interruption columns on cpu3 under qpw=0");
        assertTrue(qpw0.vermillionPixels > 0, "the snapshot shows vermillion (interruption) pixels on cpu3 under qpw=0");
        assertEquals(SpanKind.INTERRUPTION, qpw0.hitKind, "hovering the interruption names it");

        // qpw=1: flip back, then blockdev --flushbufs again
        FxSupport.onFx(() -> qpwSwitch(w).setSelected(true));
        await("engine in qpw=1", () -> app.model().qpwProperty().get() == 1, 30);
        long switchedAt = FxSupport.onFx(() -> {
            w.timeline().renderNow();
            TimelineIndex idx = w.timeline().index();
            long ref = idx.modeSwitch(idx.modeSwitchCount() - 1);
            return idx.lane((int) (ref >>> 32)).spans().end((int) ref);
        });
        FxSupport.onFx(() -> flushbufs(w).fire());
        await("a flushbufs completed after the switch", () -> {
            w.timeline().renderNow();
            return firstSpan(w.timeline().index(), app.model().triggerCpu(), SpanKind.TRIGGER, switchedAt) != null;
        }, 60);
        long[] trig = FxSupport.onFx(() -> firstSpan(w.timeline().index(), app.model().triggerCpu(), SpanKind.TRIGGER, switchedAt));
        // let a whole RT throttling period pass, so a starved kworker would have run by now
        long until = trig[1] + 1_200_000_000L;
        await("1.2 s of trace after the qpw=1 drain", () -> {
            w.timeline().renderNow();
            return w.timeline().index().frontier() > until;
        }, 60);
        assertNotNull(FxSupport.onFx(() -> firstSpan(w.timeline().index(), 0, SpanKind.WORK_INLINE, switchedAt)),
                "under qpw=1 the caller ran the drain inline");
        Drawn qpw1 = FxSupport.onFx(() -> drawn(w.timeline(), trig[0], until));
        assertEquals(0, qpw1.summaryColumns, "no interruption columns on cpu3 under qpw=1");
        assertEquals(0, qpw1.vermillionPixels, "no vermillion pixels on cpu3's rows under qpw=1");
        assertFalse(FxSupport.onFx(() -> app.model().errorProperty().get()).contains("refused"));
    }

    /** What the timeline drew of cpu3's rows over [t0, t1]. */
    record Drawn(int summaryColumns, int vermillionPixels, SpanKind hitKind) {}

    private static Drawn drawn(TimelineView v, long t0, long t1) {
        v.pause();
        v.viewport().fit(t0, t1);
        v.renderNow();
        int cols = 0;
        var sum = v.renderer().summary();
        for (int px = 0; px < sum.columns(); px++) if (sum.fraction(ISOLATED, SpanKind.INTERRUPTION, px) > 0) cols++;
        WritableImage img = v.snapshot(null, null);
        var lay = v.renderer().layout();
        double gutter = v.renderer().style().gutterWidth;
        int y0 = (int) lay.laneTop(ISOLATED), y1 = (int) (lay.laneTop(ISOLATED) + lay.laneBodyHeight());
        PixelReader pr = img.getPixelReader();
        int verm = 0;
        for (int y = Math.max(0, y0); y < Math.min((int) img.getHeight(), y1); y++) {
            for (int x = (int) gutter + 1; x < (int) img.getWidth(); x++) {
                if (near(pr.getColor(x, y), Color.web("#D55E00"))) verm++;
            }
        }
        SpanKind hit = null;
        for (int px = 0; px < sum.columns() && hit == null; px++) {
            if (sum.fraction(ISOLATED, SpanKind.INTERRUPTION, px) > 0) {
                double y = lay.rowTop(ISOLATED, LaneRow.TASK) + lay.rowHeight(LaneRow.TASK) / 2;
                TimelineHit h = v.hitAt(gutter + px + 0.5, y);
                hit = h == null ? null : h.kind();
            }
        }
        v.followLive();
        return new Drawn(cols, verm, hit);
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.04 && Math.abs(a.getGreen() - b.getGreen()) < 0.04
                && Math.abs(a.getBlue() - b.getBlue()) < 0.04;
    }

    /** @return {start, end} of the first span of {@code kind} in the lane starting at or after {@code from}, or null. */
    static long[] firstSpan(TimelineIndex idx, int lane, SpanKind kind, long from) {
        SpanTable st = idx.lane(lane).spans();
        for (int i = st.firstEndingAtOrAfter(from); i < st.size(); i++) {
            if (st.kind(i) == kind && st.start(i) >= from) return new long[] {st.start(i), st.end(i)};
        }
        return null;
    }

    private static void await(String what, Callable<Boolean> cond, long seconds) throws Exception {
        FxSupport.await(what, cond, seconds);
    }

    private static org.controlsfx.control.ToggleSwitch qpwSwitch(MainWindow w) {
        return (org.controlsfx.control.ToggleSwitch) w.scene().lookup("#qpw-switch");
    }

    private static javafx.scene.control.Button flushbufs(MainWindow w) {
        return (javafx.scene.control.Button) w.scene().lookup("#" + ControlBar.triggerId(Trigger.FLUSHBUFS));
    }
}
