package io.qpwscope.ui.ab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.engine.Engine;
import io.qpwscope.trace.CpuMetrics;
import io.qpwscope.trace.Trigger;
import io.qpwscope.ui.ControlBar;
import io.qpwscope.ui.FxSupport;
import io.qpwscope.ui.timeline.PlaybackClock;
import io.qpwscope.ui.timeline.TimelineView;
import io.qpwscope.ui.timeline.render.RulerText;
import io.qpwscope.ui.timeline.render.Ticks;
import io.qpwscope.ui.timeline.render.TimeFormat;
import io.qpwscope.ui.timeline.render.Viewport;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;

/**
 * The live A/B window on the bundled A/B scenario (isolated SCHED_FIFO loop on CPU 3 that
 * writes every 250 ms, no timed triggers): two lane groups titled with their modes, one time
 * axis, one press of {@code blockdev --flushbufs} interrupting CPU 3 in A (qpw=0) and not in B
 * (qpw=1), and closing the window stopping both machines' threads.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveAbTest {
    private static final int ISOLATED = 3;
    private static Stage stage;
    private static AbWindow window;
    private static int engineThreadsBefore;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        FxSupport.start();
        engineThreadsBefore = engineThreads();
        FxSupport.onFx(() -> {
            stage = new Stage();
            window = new AbWindow(stage, AbApp.load(null));
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1400);
            stage.setHeight(900);
            window.show();
            return null;
        }, 60);
        await("both machines running", () -> pair() != null && pair().a().running() && pair().b().running(), 60);
        await("both groups drawn", () -> window.pane().sideA().view().firstFrameUptimeMs() >= 0
                && window.pane().sideB().view().firstFrameUptimeMs() >= 0, 60);
    }

    @AfterAll
    static void close() throws Exception {
        if (stage == null) return;
        FxSupport.onFx(() -> {
            stage.hide();
            return null;
        }, 60);
    }

    @Test
    @Order(1)
    void shouldShowTwoLaneGroupsTitledWithTheirModesAOverB() throws Exception {
        AbPane p = window.pane();
        assertEquals("A · qpw=0: local locks + kworker", FxSupport.onFx(() -> p.sideA().titleText()));
        assertEquals("B · qpw=1: per-CPU spinlocks", FxSupport.onFx(() -> p.sideB().titleText()));
        assertEquals(0, pair().a().qpw(), "A's machine booted with qpw=0");
        assertEquals(1, pair().b().qpw(), "B's machine booted with qpw=1");
        assertEquals(4, FxSupport.onFx(() -> p.sideA().view().index().cpus()), "A's group has the scenario's 4 lanes");
        assertEquals(4, FxSupport.onFx(() -> p.sideB().view().index().cpus()), "so has B's");
        assertTrue(FxSupport.onFx(() -> p.sideA().localToScene(p.sideA().getLayoutBounds()).getMaxY()
                <= p.sideB().localToScene(p.sideB().getLayoutBounds()).getMinY()), "A is drawn above B");
        assertTrue(FxSupport.onFx(() -> p.sideA().view().getHeight() > 150 && p.sideB().view().getHeight() > 150),
                "both groups have room for their lanes");
        assertTrue(FxSupport.onFx(() -> p.offsetText()).contains("A"), "the clocks' offset is stated");
        assertTrue(FxSupport.onFx(() -> p.sideA().figuresText()).contains("on isolated CPUs"), "A has its figures line");
        long offset = pair().b().originNanoTime() - pair().a().originNanoTime();
        assertEquals(offset, (long) FxSupport.onFx(p::originOffsetNs), "the offset shown is the difference of the origins");
        assertEquals(offset, FxSupport.onFx(() -> p.sideB().shiftNs() - p.sideA().shiftNs()),
                "the later machine's lanes are drawn on the earlier one's clock");
        assertEquals(0, (long) FxSupport.onFx(() -> Math.min(p.sideA().shiftNs(), p.sideB().shiftNs())),
                "the one that started first keeps its own clock");
    }

    @Test
    @Order(2)
    void shouldZoomPauseAndPanBothGroupsTogether() throws Exception {
        AbPane p = window.pane();
        Viewport va = p.sideA().view().viewport(), vb = p.sideB().view().viewport();
        FxSupport.onFx(() -> p.sideA().view().zoom(0.5));
        awaitFrames();
        assertEquals(FxSupport.onFx(va::nsPerPx), FxSupport.onFx(vb::nsPerPx), 1e-9, "zooming A zooms B");
        FxSupport.onFx(() -> p.sideB().view().zoom(4));
        awaitFrames();
        assertEquals(FxSupport.onFx(vb::nsPerPx), FxSupport.onFx(va::nsPerPx), 1e-9, "zooming B zooms A");
        FxSupport.onFx(() -> p.sideB().view().pause());
        awaitFrames();
        assertEquals(PlaybackClock.Mode.PAUSED, FxSupport.onFx(() -> p.sideA().view().clock().mode()), "pausing B pauses A");
        FxSupport.onFx(() -> va.panPx(-200));
        awaitFrames();
        assertEquals(FxSupport.onFx(va::startNs), FxSupport.onFx(vb::startNs), 1.0,
                "panning A pans B: the same instant at the same x");
        FxSupport.onFx(() -> p.sideA().view().followLive());
        awaitFrames();
        assertTrue(FxSupport.onFx(() -> p.sideB().view().following()
                && p.sideB().view().clock().mode() == PlaybackClock.Mode.LIVE), "following live in A makes B follow too");
    }

    @Test
    @Order(3)
    void shouldShowTheSameWindowInBothGroupsWhileFollowingLive() throws Exception {
        AbPane p = window.pane();
        FxSupport.onFx(() -> p.sideA().view().followLive());
        awaitFrames();
        long offset = 0; // both views read one clock
        double firstEnd = Double.NaN, lastEnd = Double.NaN;
        for (int i = 0; i < 12; i++) {
            double[] w = FxSupport.onFx(() -> {
                Viewport va = p.sideA().view().viewport(), vb = p.sideB().view().viewport();
                return new double[] {va.startNs(), va.endNs(), vb.startNs() + offset, vb.endNs() + offset, va.nsPerPx(),
                        p.sideA().view().frame().dataEnd, p.sideB().view().frame().dataEnd + offset,
                        // publishedEnd, not frontier: the frontier is the least indexed time among lanes with
                        // records pending, so it steps back when an idle lane publishes again
                        p.sideA().view().index().publishedEnd(), p.sideB().view().index().publishedEnd() + offset,
                        p.sideA().view().following() && p.sideB().view().following() ? 1 : 0,
                        vb.nsPerPx(), va.widthPx(), vb.widthPx(), p.sideA().view().liveEdgeCap(), p.sideB().view().liveEdgeCap() + offset};
            });
            String at = " (sample " + i + ": " + java.util.Arrays.toString(w) + ")";
            assertEquals(1.0, w[9], "both groups still follow live" + at);
            assertEquals(w[0], w[2], w[4], "the same window start in A and B, on A's clock " + at);
            assertEquals(w[1], w[3], w[4], "the same window end in A and B, on A's clock " + at);
            assertEquals(w[5], w[6], w[4], "both draw data up to the same instant " + at);
            assertTrue(w[5] <= w[7] && w[6] <= w[8], "neither view draws past what its engine has published " + at);
            if (i == 0) firstEnd = w[1];
            lastEnd = w[1];
            FxSupport.awaitPulses(6, 60); // about 100 ms of frames, however loaded the machine
        }
        assertTrue(lastEnd > firstEnd, "the common window keeps moving with the live edge: " + firstEnd + " -> " + lastEnd);
    }

    @Test
    @Order(4)
    void shouldInterruptTheIsolatedCpuInAAndNotInBOnOnePress() throws Exception {
        Engine a = pair().a(), b = pair().b();
        assertEquals(0, cpu(a, ISOLATED).interruptions(), "no timed triggers: nothing has interrupted A's CPU 3 yet");
        // CPU 3 writes one folio every 250 ms and drains its own batch when the 31st arrives: for
        // 250 ms of every 7.75 s a flushbufs finds nothing to drain there (as in the kernel). Press
        // when both batches hold folios and are not about to fill.
        await("both CPU 3 batches hold folios, not about to fill", () -> pendingOk(a) && pendingOk(b), 30);
        long remoteBefore = cpu(b, ISOLATED).lockedByRemote();
        FxSupport.onFx((Runnable) stage::toFront);
        robot.clickOn("#ab-" + ControlBar.triggerId(Trigger.FLUSHBUFS));
        await("the press reached the button", () -> window.pane().messageText().startsWith("both machines, cpu"), 10);
        await("B's CPU 0 drains CPU 3's batch under CPU 3's lock", () -> cpu(b, ISOLATED).lockedByRemote() > remoteBefore, 60);
        await("A's CPU 3 runs the queued drain (after RT throttling stops its loop)", () -> cpu(a, ISOLATED).interruptions() >= 1, 60);
        await("A's lane 3 shows it", () -> window.pane().sideA().view().index().interruptions(ISOLATED) >= 1, 30);
        assertEquals(0, cpu(b, ISOLATED).interruptions(), "qpw=1: CPU 3 of B was never interrupted");
        assertEquals(0, b.stats().isolatedInterruptions(), "nor any isolated CPU of B");
        assertEquals(0, FxSupport.onFx(() -> window.pane().sideB().view().index().interruptions(ISOLATED)),
                "and B's lane 3 shows none");
        assertTrue(a.stats().workQueued() >= 1, "A queued work for the drain");
    }

    @Test
    @Order(5)
    void shouldReadTheSameTimeOnBothRulersAtEveryXWhileTheClocksStartedApart() throws Exception {
        AbPane p = window.pane();
        TimelineView va = p.sideA().view(), vb = p.sideB().view();
        long real = pair().b().originNanoTime() - pair().a().originNanoTime();
        await("the press indexed in both", () -> va.index().triggerCount() > 0 && vb.index().triggerCount() > 0, 60);
        assertTrue(FxSupport.onFx(va::jumpToLastDrain), "A jumps to the drain");
        awaitFrames();
        assertEquals(FxSupport.onFx(() -> va.viewport().startNs()), FxSupport.onFx(() -> vb.viewport().startNs()), 1e-6,
                "B shows the drain's window too");
        assertEquals(FxSupport.onFx(() -> va.clock().cursor()), FxSupport.onFx(() -> vb.clock().cursor()), 0.0,
                "and data up to the same instant (the jump paused A at its own indexed end)");
        for (long known : new long[] {7_300_000, -4_100_000}) {
            FxSupport.onFx(() -> p.showPair(pair(), known));
            await("both groups indexed past 500 ms again", () -> va.index().frontier() > 500_000_000L
                    && vb.index().frontier() > 500_000_000L, 60);
            FxSupport.onFx(va::pause);
            // 40 ms from 400 ms on the pair's clock: 5 ms ticks, before the one press; B's own clock is 7.3 or 4.1 ms off
            FxSupport.onFx(() -> va.viewport().set(400_000_000, 40e6 / va.viewport().widthPx()));
            awaitFrames();
            assertEquals(known, FxSupport.onFx(() -> p.sideB().shiftNs() - p.sideA().shiftNs()), "the pair shown " + known + " ns apart");
            for (AbSide side : new AbSide[] {p.sideA(), p.sideB()}) {
                var lane = side.engine().recording().lane(ISOLATED);
                int i = lane.firstIndex() + 10;
                assertEquals(lane.ts(i) + side.shiftNs(), (long) FxSupport.onFx(() -> side.view().index().source().ts(ISOLATED, i)),
                        side.titleText() + ": the lanes drawn on the pair's clock");
            }
            assertEquals(FxSupport.onFx(() -> va.viewport().startNs()), FxSupport.onFx(() -> vb.viewport().startNs()), 1e-6,
                    "both views start at the same time on the pair's clock");
            assertEquals(FxSupport.onFx(() -> va.viewport().nsPerPx()), FxSupport.onFx(() -> vb.viewport().nsPerPx()), 1e-9);
            double[] ticksA = FxSupport.onFx(() -> tickLefts(va)), ticksB = FxSupport.onFx(() -> tickLefts(vb));
            assertTrue(ticksA.length >= 4, "A's ruler has labels: " + java.util.Arrays.toString(ticksA));
            assertArrayEquals(ticksA, ticksB, 0.0, "A's and B's ruler labels at the same x");
            int[] diff = FxSupport.onFx(() -> rulerDifference(va, vb));
            assertEquals(0, diff[0], "A's and B's rulers drawn pixel for pixel alike (" + diff[1] + " pixels compared), offset " + known);
            long step = FxSupport.onFx(() -> Ticks.step(va.viewport().nsPerPx(), va.renderer().style().tickSpacing));
            long tick = (long) Math.ceil(400_000_000.0 / step) * step;
            assertNotEquals(TimeFormat.tick(tick, step, 1_000_000), TimeFormat.tick(tick - known, step, 1_000_000),
                    "on B's own clock the label at that x would read otherwise");
        }
        FxSupport.onFx(() -> p.showPair(pair(), real));
        assertEquals(real, (long) FxSupport.onFx(p::originOffsetNs));
    }

    @Test
    @Order(6)
    void shouldStopBothMachinesAndTheirThreadsWhenTheWindowCloses() throws Exception {
        Engine a = pair().a(), b = pair().b();
        assertTrue(engineThreads() >= engineThreadsBefore + 8, "both machines' 8 CPU threads run");
        FxSupport.onFx(() -> {
            stage.hide();
            return null;
        }, 60);
        assertFalse(a.running(), "A stopped");
        assertFalse(b.running(), "B stopped");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (engineThreads() > engineThreadsBefore && System.nanoTime() < deadline) Thread.sleep(50);
        assertEquals(engineThreadsBefore, engineThreads(), "no CPU, trigger or control thread of the pair is left");
        assertNotNull(a.recording(), "the recordings stay readable");
    }

    // ---- helpers ----------------------------------------------------------------------

    /** The left x of each time label the view's ruler drew in its last frame. */
    private static double[] tickLefts(TimelineView v) {
        v.renderNow();
        RulerText t = v.renderer().rulerText;
        return java.util.stream.IntStream.range(0, t.count()).filter(i -> !t.isFlag(i)).mapToDouble(t::left).toArray();
    }

    /** {pixels that differ, pixels compared} between the two views' rulers (labels and ticks, left of the badge). */
    private static int[] rulerDifference(TimelineView a, TimelineView b) {
        a.renderNow();
        b.renderNow();
        WritableImage ia = a.snapshot(null, null), ib = b.snapshot(null, null);
        int w = (int) Math.min(ia.getWidth(), ib.getWidth()) - 200, h = (int) a.renderer().style().rulerHeight;
        int left = (int) Math.ceil(a.renderer().plotLeft());
        int differ = 0, n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = left; x < w; x++, n++) {
                if (ia.getPixelReader().getArgb(x, y) != ib.getPixelReader().getArgb(x, y)) differ++;
            }
        }
        return new int[] {differ, n};
    }

    private static AbSession.Pair pair() {
        return window.pane().session().pair();
    }

    private static boolean pendingOk(Engine e) {
        int n = e.machine().mm.lru.lruAddPending(ISOLATED);
        return n >= 1 && n <= 26;
    }

    private static CpuMetrics cpu(Engine e, int cpu) {
        return e.stats().cpus().get(cpu);
    }

    /** Threads an engine pair starts: CPU, trigger and collector threads and the pair's control thread. */
    private static int engineThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (t.isAlive() && (name.startsWith("cpu/") || name.equals("triggers") || name.equals("ab-control") || name.equals("ab-build")
                    || name.equals(io.qpwscope.trace.TraceCollector.THREAD_NAME))) n++;
        }
        return n;
    }

    /** Lets a few pulses run, so both views and the axis have had a frame (the axis syncs once per pulse). */
    private static void awaitFrames() throws Exception {
        FxSupport.awaitPulses(4, 60);
    }

    private static void await(String what, Callable<Boolean> c, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!FxSupport.onFx(c)) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            Thread.sleep(50);
        }
    }
}
