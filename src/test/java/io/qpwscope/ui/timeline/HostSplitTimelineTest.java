package io.qpwscope.ui.timeline;

import static io.qpwscope.trace.TraceDescriptor.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.ui.FxSupport;
import io.qpwscope.ui.timeline.index.HostFigures;
import io.qpwscope.ui.timeline.index.HostSplits;
import io.qpwscope.ui.timeline.index.LaneIndex;
import io.qpwscope.ui.timeline.index.LaneRow;
import io.qpwscope.ui.timeline.index.ModelledCosts;
import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import io.qpwscope.ui.timeline.index.SelectionStats;
import io.qpwscope.ui.timeline.index.SpanKind;
import io.qpwscope.ui.timeline.index.SpanTable;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import io.qpwscope.ui.timeline.input.HitTester;
import io.qpwscope.ui.timeline.input.TimelineHit;
import io.qpwscope.ui.timeline.render.HostSplitText;
import io.qpwscope.ui.timeline.render.Palette;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HOST_SPLIT records on the timeline: a companion's split is indexed for the span it follows
 * and told in words; a sample is drawn hatched over its window and nowhere else.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostSplitTimelineTest {
    static final int ISO = 3, SPINNER = 1, HOLDER = 2;
    static final long END = 24_000_000;
    static final long SPLIT_INTR_END = 1_000_000, PLAIN_INTR_END = 3_000_000;
    static final long SAMPLE_START = 6_000_000, SAMPLE_END = 8_000_000;
    static final long SPIN_END = 20_000_000;
    static final int SITE = Site.WORK_LRU_DRAIN.code;

    static void ev(Recording rec, int cpu, long ts, EventType t, int peer, int fn, int aux, long payload) {
        rec.append(ts, meta(t, cpu, peer, fn, aux), payload);
    }

    static void companion(Recording rec, int cpu, long ts, EventType of, int measured, long steal, long pause) {
        ev(rec, cpu, ts, EventType.HOST_SPLIT, measured, of.code, TraceDescriptor.hostSplitAux(pause),
                TraceDescriptor.hostSplitPayload(steal, 0));
    }

    /**
     * cpu3 (isolated): an interruption of 337 µs of which the host stole 332 µs, then one with
     * no split, then a host sample of 1 ms steal + 200 µs pause over [6 ms, 8 ms]. cpu1: a
     * 16.5 ms spin whose holder, cpu2, was off its core for 15.9 ms of it.
     */
    static Recording recording() {
        Recording rec = new Recording(SyntheticRecording.meta(SyntheticRecording.Config.demo(END, 1_000)));
        int userFromIdle = TraceDescriptor.TASK_IDLE << 8 | TraceDescriptor.TASK_USER;
        for (int c = 0; c < 4; c++) ev(rec, c, 0, EventType.TASK_SWITCH, -1, 0, userFromIdle, 0);
        ev(rec, ISO, SPLIT_INTR_END, EventType.INTERRUPTION, 0, SITE, 0, 337_000);
        companion(rec, ISO, SPLIT_INTR_END, EventType.INTERRUPTION, -1, 332_000, 0);
        ev(rec, ISO, PLAIN_INTR_END, EventType.INTERRUPTION, 0, SITE, 0, 337_000);
        ev(rec, ISO, SAMPLE_END, EventType.HOST_SPLIT, -1, 0, TraceDescriptor.hostSplitAux(200_000),
                TraceDescriptor.hostSplitPayload(1_000_000, SAMPLE_END - SAMPLE_START));
        ev(rec, SPINNER, SPIN_END, EventType.SPIN_WAIT, SPINNER, Site.SLUB_SHEAVES.code, HOLDER, 16_500_000);
        companion(rec, SPINNER, SPIN_END, EventType.SPIN_WAIT, HOLDER, 15_000_000, 900_000);
        for (int c = 0; c < 4; c++) ev(rec, c, END, EventType.TASK_SWITCH, -1, 0, userFromIdle, 0);
        return rec;
    }

    static TimelineIndex index(Recording rec) {
        TimelineIndex idx = new TimelineIndex(new RecordingTimelineSource(rec));
        while (idx.catchUp(1 << 20) > 0) { }
        return idx;
    }

    static int spanEndingAt(SpanTable st, SpanKind kind, long end) {
        for (int i = 0; i < st.size(); i++) if (st.kind(i) == kind && st.end(i) == end) return i;
        return -1;
    }

    @Test
    void shouldIndexTheSplitForTheSpanItFollowsAndTheSampleApart() {
        TimelineIndex idx = index(recording());
        LaneIndex iso = idx.lane(ISO);
        HostSplits hs = iso.hostSplits();
        int split = spanEndingAt(iso.spans(), SpanKind.INTERRUPTION, SPLIT_INTR_END);
        int plain = spanEndingAt(iso.spans(), SpanKind.INTERRUPTION, PLAIN_INTR_END);
        assertTrue(split >= 0 && plain >= 0);
        assertEquals(1, hs.size());
        int k = hs.find(split);
        assertTrue(k >= 0, "the split interruption carries its split");
        assertEquals(332_000, hs.steal(k));
        assertEquals(0, hs.pause(k));
        assertEquals(-1, hs.measuredCpu(k));
        assertEquals(-1, hs.find(plain), "the other interruption carries none");

        assertEquals(1, iso.samples().size());
        assertEquals(SAMPLE_START, iso.samples().start(0));
        assertEquals(SAMPLE_END, iso.samples().end(0));
        assertEquals(1_000_000, LaneIndex.sampleSteal(iso.samples().value(0)));
        assertEquals(200_000, LaneIndex.samplePause(iso.samples().value(0)));
        for (int i = 0; i < iso.spans().size(); i++) assertTrue(iso.spans().kind(i) != SpanKind.HOST_SAMPLE);

        HostSplits spin = idx.lane(SPINNER).hostSplits();
        assertEquals(1, spin.size());
        assertEquals(HOLDER, spin.measuredCpu(0));
        assertEquals(SpanKind.SPIN, idx.lane(SPINNER).spans().kind(spin.spanIndex(0)));
    }

    @Test
    void shouldKeepKernelAndWallMaximaAndTheHostShareForTheDashboard() {
        TimelineIndex idx = index(recording());
        LaneIndex iso = idx.lane(ISO);
        assertEquals(337_000, iso.interruptionWallMaxNs());
        assertEquals(337_000, iso.interruptionKernelMaxNs(), "the unsplit interruption counts whole");
        HostFigures f = HostFigures.compute(idx, 20_000_000);
        assertEquals(ISO, f.worstCpu());
        assertEquals(0.6, f.hostShare()[ISO], 1e-9);
        assertEquals(0.5, f.stealShare()[ISO], 1e-9);
        assertTrue(Double.isNaN(f.hostShare()[0]));
        assertEquals(337_000, f.isolatedInterruptionWallMaxNs());

        Recording rec = new Recording(SyntheticRecording.meta(SyntheticRecording.Config.demo(END, 1_000)));
        ev(rec, ISO, 0, EventType.TASK_SWITCH, -1, 0, TraceDescriptor.TASK_IDLE << 8 | TraceDescriptor.TASK_USER, 0);
        ev(rec, ISO, SPLIT_INTR_END, EventType.INTERRUPTION, 0, SITE, 0, 337_000);
        companion(rec, ISO, SPLIT_INTR_END, EventType.INTERRUPTION, -1, 332_000, 0);
        ev(rec, ISO, 2_000_000, EventType.NOISE, -1, 0, 0, 40_000);
        companion(rec, ISO, 2_000_000, EventType.NOISE, -1, 30_000, 2_000);
        TimelineIndex only = index(rec);
        assertEquals(337_000, only.lane(ISO).interruptionWallMaxNs());
        assertEquals(5_000, only.lane(ISO).interruptionKernelMaxNs());
        assertEquals(40_000, only.lane(ISO).noiseWallMaxNs());
        assertEquals(8_000, only.lane(ISO).noiseKernelMaxNs());
        assertEquals(5_000, HostFigures.compute(only, END).isolatedInterruptionKernelMaxNs());
    }

    @Test
    void shouldCountKernelAndHostOfASelection() {
        TimelineIndex idx = index(recording());
        SelectionStats.Lane iso = SelectionStats.compute(idx, 0, END).lanes().get(ISO);
        assertEquals(2, iso.interruptions());
        assertEquals(674_000, iso.interruptionNs());
        assertEquals(332_000, iso.interruptionHostNs());
        assertEquals(342_000, iso.interruptionKernelNs());
        assertEquals(337_000, iso.interruptionKernelMaxNs());
        assertEquals(1_000_000, iso.hostStealNs());
        assertEquals(200_000, iso.hostPauseNs());
        assertEquals(2_000_000, iso.hostSampledNs());
        SelectionStats.Lane half = SelectionStats.compute(idx, 7_000_000, END).lanes().get(ISO);
        assertEquals(500_000, half.hostStealNs(), "a sample counts pro rata of its window inside the range");
        assertEquals(0.6, half.hostShare(), 1e-9);
        assertTrue(Double.isNaN(SelectionStats.compute(idx, 0, END).lanes().get(0).hostShare()));
    }

    @Test
    void shouldTellAnInterruptionsKernelAndHostParts() {
        assertEquals("interruption 337 µs = 5 µs kernel (wakeup 1 µs, 2 context switches 3 µs, drain 1 µs) + 332 µs host steal",
                HostSplitText.interruption(337_000, 332_000, 0, ModelledCosts.DEFAULT));
        assertEquals("interruption 340 µs = 4 µs kernel (wakeup 1 µs, 2 context switches 3 µs, drain 0 ns) + 330 µs host steal + 6 µs host pause",
                HostSplitText.interruption(340_000, 330_000, 6_000, ModelledCosts.DEFAULT));
        assertEquals("holder cpu 2 was off its core for 15.9 ms of this 16.5 ms spin (steal 15 ms, pause 900 µs)",
                HostSplitText.offCore("holder", 2, "spin", 16_500_000, 15_000_000, 900_000));
        assertEquals("noise 1.5 µs = 500 ns kernel + 1 µs host pause", HostSplitText.split("noise", 1_500, 0, 1_000));
    }

    @Test
    void shouldShowTheSplitOnTheHoverCardOfTheSpan() throws Exception {
        Recording rec = recording();
        TimelineView v = view(rec);
        TimelineHit[] hits = FxSupport.onFx(() -> {
            var r = v.renderer();
            var lay = r.layout();
            v.fitAll();
            v.viewport().fit(SPLIT_INTR_END - 400_000, SPLIT_INTR_END + 100_000);
            v.renderNow();
            double y = lay.rowTop(ISO, LaneRow.TASK) + lay.rowHeight(LaneRow.TASK) * 0.6;
            TimelineHit intr = HitTester.hit(r, r.x(SPLIT_INTR_END - 100_000), y);
            v.viewport().fit(0, END);
            v.renderNow();
            double ys = lay.rowTop(SPINNER, LaneRow.LOCK) + lay.rowHeight(LaneRow.LOCK) * 0.5;
            TimelineHit spin = HitTester.hit(r, r.x(SPIN_END - 8_000_000), ys);
            return new TimelineHit[] {intr, spin};
        });
        assertNotNull(hits[0]);
        assertEquals(SpanKind.INTERRUPTION, hits[0].kind());
        assertEquals("interruption 337 µs = 5 µs kernel (wakeup 1 µs, 2 context switches 3 µs, drain 1 µs) + 332 µs host steal",
                hits[0].lines().get(1));
        assertNotNull(hits[1]);
        assertEquals(SpanKind.SPIN, hits[1].kind());
        assertEquals("holder cpu 2 was off its core for 15.9 ms of this 16.5 ms spin (steal 15 ms, pause 900 µs)",
                hits[1].lines().get(1));
    }

    @Test
    void shouldHatchTheSampleWindowAndNothingElse() throws Exception {
        Recording rec = recording();
        TimelineView v = view(rec);
        int[] counts = FxSupport.onFx(() -> {
            v.fitAll();
            v.viewport().fit(0, END);
            v.renderNow();
            WritableImage img = v.snapshot(null, null);
            FxSupport.save(img, "host-split-all.png");
            Color steal = v.renderer().palette().host.colour(false);
            return new int[] {
                hatched(v, img, steal, ISO, SAMPLE_START + 200_000, SAMPLE_END - 200_000),
                hatched(v, img, steal, ISO, 1_500_000, SAMPLE_START - 200_000),
                hatched(v, img, steal, ISO, SAMPLE_END + 200_000, END - 200_000),
                hatched(v, img, steal, 0, 0, END)};
        });
        assertTrue(counts[0] > 20, "the sample's window is hatched: " + counts[0]);
        assertEquals(0, counts[1], "not before the sample (the unsplit interruption at 3 ms is not hatched)");
        assertEquals(0, counts[2], "not after the sample");
        assertEquals(0, counts[3], "not on a CPU without samples or splits");
    }

    @Test
    void shouldHatchTheHostPartOfASplitInterruptionAtItsEnd() throws Exception {
        Recording rec = recording();
        TimelineView v = view(rec);
        int[] counts = FxSupport.onFx(() -> {
            v.fitAll();
            v.viewport().fit(SPLIT_INTR_END - 400_000, SPLIT_INTR_END + 100_000);
            v.renderNow();
            WritableImage img = v.snapshot(null, null);
            FxSupport.save(img, "host-split-interruption.png");
            Color steal = v.renderer().palette().host.colour(false);
            long start = SPLIT_INTR_END - 337_000;
            return new int[] {
                hatched(v, img, steal, ISO, start + 20_000, start + 80_000),
                hatched(v, img, steal, ISO, SPLIT_INTR_END - 390_000, start - 10_000),
                vermillion(v, img, ISO, start + 20_000, start + 80_000)};
        });
        assertTrue(counts[0] > 20, "the host part is hatched: " + counts[0]);
        assertEquals(0, counts[1], "nothing hatched before the interruption");
        assertTrue(counts[2] > 20, "the interruption's colour shows between the stripes: " + counts[2]);
    }

    private static TimelineView view(Recording rec) throws Exception {
        return FxSupport.onFx(() -> {
            TimelineView v = new TimelineView();
            StackPane root = new StackPane(v);
            new Scene(root, 1400, 520);
            root.applyCss();
            root.layout();
            v.setSource(new RecordingTimelineSource(rec));
            v.renderNow();
            return v;
        });
    }

    /**
     * Pixels of the hatch colour in the top quarter of a lane's task row between times t0 and
     * t1 (where a sample band hangs; labels are centred lower in the row).
     */
    private static int hatched(TimelineView v, WritableImage img, Color c, int lane, long t0, long t1) {
        return count(v, img, lane, t0, t1, c);
    }

    private static int vermillion(TimelineView v, WritableImage img, int lane, long t0, long t1) {
        return count(v, img, lane, t0, t1, Palette.VERMILLION);
    }

    private static int count(TimelineView v, WritableImage img, int lane, long t0, long t1, Color c) {
        var lay = v.renderer().layout();
        int y0 = (int) lay.rowTop(lane, LaneRow.TASK);
        int y1 = (int) (y0 + lay.rowHeight(LaneRow.TASK) / 4);
        int x0 = (int) Math.ceil(v.renderer().x(t0)), x1 = (int) v.renderer().x(t1);
        PixelReader pr = img.getPixelReader();
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min((int) img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min((int) img.getWidth(), x1); x++) {
                if (near(pr.getColor(x, y), c)) n++;
            }
        }
        return n;
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.1 && Math.abs(a.getGreen() - b.getGreen()) < 0.1
                && Math.abs(a.getBlue() - b.getBlue()) < 0.1;
    }
}
