package io.qpwscope.ui.timeline;

import io.qpwscope.ui.timeline.index.DenseField;
import io.qpwscope.ui.timeline.index.LaneRow;
import io.qpwscope.ui.timeline.index.PixelSummary;
import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import io.qpwscope.ui.timeline.index.SelectionStats;
import io.qpwscope.ui.timeline.index.SpanKind;
import io.qpwscope.ui.timeline.index.SpanTable;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import io.qpwscope.ui.timeline.input.HitTester;
import io.qpwscope.ui.timeline.input.TimelineHit;
import io.qpwscope.ui.timeline.render.FrameState;
import io.qpwscope.ui.timeline.render.TimelineRenderer;
import io.qpwscope.ui.timeline.render.Viewport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.Recording;
import io.qpwscope.ui.FxSupport;
import java.util.concurrent.TimeUnit;
import javafx.scene.canvas.Canvas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimelineRendererTest {
    static final int W = 1400, H = 600;
    static Recording rec;
    static TimelineIndex idx;

    @BeforeAll
    static void build() throws Exception {
        FxSupport.start();
        rec = SyntheticRecording.build(SyntheticRecording.Config.demo(40_000_000, 200));
        idx = new TimelineIndex(new RecordingTimelineSource(rec));
        while (idx.catchUp(1 << 20) > 0) { }
    }

    private static TimelineRenderer render(Viewport vp, FrameState f) throws Exception {
        TimelineRenderer r = new TimelineRenderer();
        FxSupport.onFx(() -> {
            Canvas c = new Canvas(W, H);
            r.render(c.getGraphicsContext2D(), idx, vp, f, W, H);
            return null;
        });
        return r;
    }

    private static FrameState frame() {
        FrameState f = new FrameState();
        f.dataEnd = idx.endTs();
        return f;
    }

    @Test
    void shouldSummariseLockRecordsPerPixelWhenZoomedOutAndConserveTheirCount() throws Exception {
        Viewport vp = new Viewport();
        TimelineRenderer r = new TimelineRenderer();
        r.layout(idx, vp, W, H);
        vp.fit(0, idx.endTs());
        FrameState f = frame();
        FxSupport.onFx(() -> {
            r.render(new Canvas(W, H).getGraphicsContext2D(), idx, vp, f, W, H);
            return null;
        });
        PixelSummary s = r.summary();
        assertTrue(s.summarised(1), "cpu1 has ~" + rec.lane(1).size() / s.columns() + " records per column: summarised");
        double ops = 0;
        for (int px = 0; px < s.columns(); px++) ops += s.lockOps(1, px);
        long[] a = new long[DenseField.COUNT], b = new long[DenseField.COUNT];
        idx.lane(1).cumulativeAt(idx.source(), 0, a);
        idx.lane(1).cumulativeAt(idx.source(), idx.lane(1).indexed(), b);
        assertEquals(b[DenseField.LOCK_OPS] - a[DenseField.LOCK_OPS], Math.round(ops), "every lock op lands in one column");
        int interrupted = 0;
        for (int px = 0; px < s.columns(); px++) if (s.fraction(3, SpanKind.INTERRUPTION, px) > 0) interrupted++;
        assertTrue(interrupted >= 1 && interrupted <= idx.interruptions(3), interrupted + " columns for " + idx.interruptions(3));
    }

    @Test
    void shouldNameTheRemoteHolderWhenHoveringAnIsolatedCpusLock() throws Exception {
        SpanTable st = idx.lane(0).spans();
        int hold = -1;
        for (int i = 0; i < st.size() && hold < 0; i++) if (st.kind(i) == SpanKind.REMOTE_HOLDING && st.peer(i) == 3) hold = i;
        long s = st.start(hold), e = st.end(hold);
        Viewport vp = new Viewport();
        TimelineRenderer r = new TimelineRenderer();
        r.layout(idx, vp, W, H);
        vp.fit(s - 2_000, e + 2_000);
        FrameState f = frame();
        FxSupport.onFx(() -> {
            r.render(new Canvas(W, H).getGraphicsContext2D(), idx, vp, f, W, H);
            return null;
        });
        double x = r.style().gutterWidth + vp.xOf((s + e) / 2.0);
        double y = r.layout().rowTop(3, LaneRow.LOCK) + r.layout().rowHeight(LaneRow.LOCK) / 2;
        TimelineHit h = HitTester.hit(r, x, y);
        assertNotNull(h);
        assertEquals(SpanKind.REMOTE_HELD, h.kind());
        assertTrue(h.title().contains("held by cpu0"), h.title());
        assertTrue(h.text().contains("v3: qpw_lock(&cpu_fbatches.lock, cpu)") && h.text().contains("v4: pw_lock("), h.text());
    }

    @Test
    void shouldCountInterruptionsOnlyInTheQpw0PartOfASelection() {
        long half = idx.lane(0).spans().end((int) idx.modeSwitch(0));
        SelectionStats.Result before = SelectionStats.compute(idx, 0, half);
        SelectionStats.Result after = SelectionStats.compute(idx, half, idx.endTs());
        long drainsBefore = 0;
        for (int k = 0; k < idx.triggerCount(); k++) {
            long ref = idx.trigger(k);
            if (idx.lane((int) (ref >>> 32)).spans().end((int) ref) < half) drainsBefore++;
        }
        assertEquals(drainsBefore, before.totalInterruptionsOnIsolated(), "one interruption per qpw=0 drain");
        assertEquals(0, after.totalInterruptionsOnIsolated(), "none under qpw=1");
        assertEquals(0, before.lanes().get(3).heldByRemote());
        assertEquals(idx.triggerCount() - drainsBefore, after.lanes().get(3).heldByRemote(), "qpw=1: cpu0 takes cpu3's lock once per drain");
        assertTrue(after.lanes().get(1).maxLockHoldNs() > 0);
    }

    /**
     * The renderer's own code allocates nothing per redraw (reused arrays, cached labels); what
     * a frame allocates at all comes from JavaFX's canvas command buffer (~0.2-2 KB here).
     */
    @Test
    void shouldNotAllocateWhenRedrawingAnUnchangedView() throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (String zoom : new String[] {"out", "drain"}) {
            long[] perFrame = FxSupport.onFx(() -> {
                Viewport vp = new Viewport();
                TimelineRenderer r = new TimelineRenderer();
                Canvas c = new Canvas(W, H);
                FrameState f = frame();
                r.layout(idx, vp, W, H);
                if (zoom.equals("out")) {
                    vp.fit(0, idx.endTs());
                } else {
                    long t = idx.lane(0).spans().start((int) idx.trigger(0));
                    vp.fit(t - 2_000, t + 16_000);
                }
                boolean[] all = {true, true, true, true};
                for (int i = 0; i < 50; i++) r.render(c.getGraphicsContext2D(), idx, vp, f, W, H);
                long a = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 50; i++) r.summary().compute(idx, vp, f.dataEnd, all);
                long b = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 50; i++) r.render(c.getGraphicsContext2D(), idx, vp, f, W, H);
                long d = mx.getCurrentThreadAllocatedBytes();
                return new long[] {(b - a) / 50, (d - b) / 50};
            });
            assertTrue(perFrame[0] < 64, zoom + ": pixel summary allocates " + perFrame[0] + " bytes per frame");
            assertTrue(perFrame[1] < 4096, zoom + ": a whole redraw allocates " + perFrame[1] + " bytes");
        }
    }
}
