package io.qpwscope.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.Recording;
import io.qpwscope.ui.FxSupport;
import io.qpwscope.ui.timeline.index.DenseField;
import io.qpwscope.ui.timeline.index.LaneIndex;
import io.qpwscope.ui.timeline.index.LaneRow;
import io.qpwscope.ui.timeline.index.Landmarks;
import io.qpwscope.ui.timeline.index.QueueTable;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.canvas.Canvas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A live recording with a tiny off-heap budget rolls many times while the timeline index
 * catches up (sometimes lagging behind the window): the index must hold only what the window
 * holds, agree with a fresh index of the same window, and keep hit testing, selection and
 * landmarks working at the window's edge.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RollingWindowIndexTest {
    /** One 64 Ki-row chunk of 24-byte rows. */
    private static final long CHUNK_BYTES = 65_536L * 24;
    /** About 2.4 M records (lock ops every 2 us on 4 CPUs for 0.5 s) and a drain every 200 us: thousands of spans per lane. */
    private static final SyntheticRecording.Config CFG =
            new SyntheticRecording.Config(4, 1L << 3, 500_000_000, 2_000, 200_000, 250_000_000, 0);
    static Recording live;
    static TimelineIndex rolling;
    static int drops, skips, overtaken;
    static int maxSpansHeld, maxQueueHeld, maxBlocksHeld, maxGaps;
    static long spansEver, queueEver;

    @BeforeAll
    static void streamThroughATinyWindow() {
        SyntheticRecording.Lane[] lanes = SyntheticRecording.lanes(CFG);
        live = new Recording(SyntheticRecording.meta(CFG));
        live.setOffHeapBudget(CFG.cpus() * CHUNK_BYTES * 3 / 2);
        rolling = new TimelineIndex(new RecordingTimelineSource(live));
        int[] pos = new int[lanes.length];
        int step = 0;
        boolean more = true;
        while (more) {
            more = false;
            for (int c = 0; c < lanes.length; c++) {
                int n = Math.min(lanes[c].n - pos[c], 2_000 + (step * 7919 + c * 104729) % 20_000);
                for (int k = 0; k < n; k++, pos[c]++) {
                    live.append(lanes[c].ts[pos[c]], lanes[c].meta[pos[c]], lanes[c].payload[pos[c]]);
                }
                more |= pos[c] < lanes[c].n;
            }
            drops += live.trimToBudget((lane, to) -> { });
            for (int c = 0; c < lanes.length; c++) if (rolling.lane(c).indexed() < live.lane(c).firstIndex()) overtaken++;
            // mostly keeps up; every 9th step lags, so the window overtakes what was indexed
            if (step % 9 != 0 || step % 18 == 0) rolling.catchUp(step % 5 == 0 ? 1 << 20 : 30_000);
            // in the first half the live view also skips ahead when it lags (marked gaps)
            if (step % 13 == 0 && pos[0] < lanes[0].n / 2) skips += rolling.skipAheadIfBehind(1_000_000, 200_000) ? 1 : 0;
            if (step % 7 == 0) exerciseQueries(rolling);
            noteHeld(rolling);
            step++;
        }
        while (rolling.catchUp(1 << 20) > 0) { }
        noteHeld(rolling);
        for (int c = 0; c < CFG.cpus(); c++) {
            spansEver += rolling.lane(c).spans().size();
            queueEver += rolling.lane(c).queued().size();
        }
    }

    private static void noteHeld(TimelineIndex idx) {
        for (int c = 0; c < idx.cpus(); c++) {
            LaneIndex l = idx.lane(c);
            maxSpansHeld = Math.max(maxSpansHeld, l.spans().held());
            maxQueueHeld = Math.max(maxQueueHeld, l.queued().held());
            maxBlocksHeld = Math.max(maxBlocksHeld, l.heldBlocks());
            maxGaps = Math.max(maxGaps, l.heldGaps());
            SpanTable st = l.spans();
            assertTrue(st.held() <= 2 * (st.size() - st.first()) + 256, "dropped spans are compacted in bulk");
            assertTrue(st.first() == st.size() || st.src(st.first()) >= l.heldFrom(), "no span older than the window");
            QueueTable q = l.queued();
            assertTrue(q.first() == q.size() || q.src(q.first()) >= l.heldFrom(), "no queue row older than the window");
        }
    }

    /** What a frame, a selection and the J key read, while the window moves. */
    private static void exerciseQueries(TimelineIndex idx) {
        long edge = idx.windowStartTs();
        long end = idx.endTs();
        SelectionStats.compute(idx, idx.startTs(), end);
        if (edge > 0) SelectionStats.compute(idx, Math.max(0, edge - 50_000), edge + 50_000);
        long[] drain = Landmarks.lastDrain(idx);
        if (drain != null) assertTrue(drain[0] <= drain[1], "a drain ends after it starts");
        Landmarks.lastInterruption(idx);
        for (int c = 0; c < idx.cpus(); c++) {
            QueueTable q = idx.lane(c).queued();
            for (int i = q.firstPending(); i < q.size(); i++) {
                if (q.startLane(i) >= 0) assertTrue(q.startTs(i) >= q.queuedTs(i), "an arrow goes forward in time");
            }
        }
        for (int k = 0; k < idx.triggerCount(); k++) {
            long ref = idx.trigger(k);
            SpanTable st = idx.lane((int) (ref >>> 32)).spans();
            assertTrue((int) ref >= st.first() && (int) ref < st.size(), "a trigger refers to a held span");
            assertEquals(SpanKind.TRIGGER, st.kind((int) ref));
        }
    }

    @Test
    void shouldRollManyTimesAndHoldOnlyAWindowsWorthOfIndex() {
        assertTrue(drops >= 15, drops + " chunks dropped");
        long windowEvents = 0;
        for (int c = 0; c < CFG.cpus(); c++) windowEvents = Math.max(windowEvents, live.lane(c).size() - live.lane(c).firstIndex());
        // the budget holds 1.5 chunks per lane on average, the last one partly filled: at most 4 per lane
        assertTrue(windowEvents <= 4 * 65_536, windowEvents + " events in a lane's window");
        assertTrue(maxBlocksHeld <= 2 * (windowEvents + 65_536) / DenseField.BLOCK + 256, maxBlocksHeld + " prefix-sum blocks held");
        assertTrue(maxSpansHeld * 3L < spansEver, maxSpansHeld + " spans held at most of " + spansEver + " ever indexed");
        assertTrue(maxQueueHeld * 3L < queueEver, maxQueueHeld + " queue rows held at most of " + queueEver + " ever indexed");
        assertTrue(skips > 0, "the view skipped ahead at least once");
        assertTrue(overtaken > 0, "the window overtook the indexing at least once");
        assertTrue(maxGaps <= 4, maxGaps + " gaps held");
        for (int c = 0; c < CFG.cpus(); c++) {
            if (live.lane(c).firstIndex() > 0) assertEquals(0, rolling.lane(c).heldGaps(), "cpu" + c + "'s gaps left with the window");
        }
        int rolled = 0;
        for (int c = 0; c < CFG.cpus(); c++) {
            assertEquals(live.lane(c).firstIndex(), rolling.lane(c).heldFrom(), "cpu" + c + " follows the window");
            if (live.lane(c).firstIndex() > 0) {
                rolled++;
                assertTrue(rolling.lane(c).heldFromTs() > 0, "cpu" + c + " shows what was dropped");
            }
        }
        assertTrue(rolled >= 3, rolled + " lanes rolled (the isolated one records little)");
    }

    @Test
    void shouldIndexTheWindowLikeAFreshIndexOfTheSameWindow() {
        TimelineIndex fresh = new TimelineIndex(new RecordingTimelineSource(live));
        while (fresh.catchUp(1 << 20) > 0) { }
        long[] a0 = new long[DenseField.COUNT], a1 = new long[DenseField.COUNT];
        long[] b0 = new long[DenseField.COUNT], b1 = new long[DenseField.COUNT];
        for (int c = 0; c < CFG.cpus(); c++) {
            LaneIndex r = rolling.lane(c), f = fresh.lane(c);
            assertEquals(f.heldFrom(), r.heldFrom());
            assertEquals(f.indexed(), r.indexed());
            long after = r.heldFromTs();
            List<String> rs = spansStartingAfter(r.spans(), after), fs = spansStartingAfter(f.spans(), after);
            assertTrue(fs.size() > 100, fs.size() + " spans of cpu" + c + " in the window");
            assertEquals(fs, rs, "spans of cpu" + c + " inside the window");
            int from = r.heldFrom(), to = r.indexed();
            for (int i = from + 63; i < to; i += 4099) {
                r.cumulativeAt(rolling.source(), from, a0);
                r.cumulativeAt(rolling.source(), i, a1);
                f.cumulativeAt(fresh.source(), from, b0);
                f.cumulativeAt(fresh.source(), i, b1);
                for (int k = 0; k < DenseField.COUNT; k++) {
                    assertEquals(b1[k] - b0[k], a1[k] - a0[k], "field " + k + " of cpu" + c + " over [" + from + ", " + i + ")");
                }
            }
        }
    }

    private static List<String> spansStartingAfter(SpanTable st, long t) {
        List<String> out = new ArrayList<>();
        for (int i = st.first(); i < st.size(); i++) {
            if (st.start(i) > t) out.add(st.start(i) + ".." + st.end(i) + " " + st.kind(i) + " p" + st.peer(i) + " fn" + st.fn(i)
                    + " f" + st.flags(i) + " v" + st.value(i) + " @" + st.src(i));
        }
        Collections.sort(out);
        return out;
    }

    @BeforeAll
    static void startFx() throws Exception {
        FxSupport.start();
    }

    @Test
    void shouldHitTestAndDrawDroppedTimeAtTheWindowsEdgeWithoutThrowing() throws Exception {
        final int w = 1200, h = 500;
        Viewport vp = new Viewport();
        TimelineRenderer r = new TimelineRenderer();
        r.layout(rolling, vp, w, h);
        long edge = rolling.windowStartTs();
        vp.fit(rolling.startTs(), rolling.endTs());
        FrameState f = new FrameState();
        f.dataEnd = rolling.endTs();
        FxSupport.onFx(() -> {
            r.render(new Canvas(w, h).getGraphicsContext2D(), rolling, vp, f, w, h);
            return null;
        });
        double left = r.style().gutterWidth;
        for (int c = 0; c < CFG.cpus(); c++) {
            long laneEdge = rolling.lane(c).heldFromTs();
            if (laneEdge > 0) {
                double xBefore = left + vp.xOf(rolling.startTs() + (laneEdge - rolling.startTs()) / 2.0);
                double y = r.layout().rowTop(c, LaneRow.TASK) + r.layout().rowHeight(LaneRow.TASK) / 2;
                TimelineHit hit = HitTester.hit(r, xBefore, y);
                assertNotNull(hit, "cpu" + c + " before the window");
                assertEquals(SpanKind.DROPPED, hit.kind(), hit.title());
            }
            for (LaneRow row : LaneRow.values()) {
                double yr = r.layout().rowTop(c, row) + r.layout().rowHeight(row) / 2;
                for (double x = left; x < left + vp.xOf(rolling.endTs()); x += 7) HitTester.hit(r, x, yr);
            }
        }
        vp.fit(edge - 20_000, edge + 20_000);
        FxSupport.onFx(() -> {
            r.render(new Canvas(w, h).getGraphicsContext2D(), rolling, vp, f, w, h);
            return null;
        });
        for (int c = 0; c < CFG.cpus(); c++) {
            for (LaneRow row : LaneRow.values()) {
                double yr = r.layout().rowTop(c, row) + r.layout().rowHeight(row) / 2;
                for (double x = left; x < w; x += 3) HitTester.hit(r, x, yr);
            }
        }
        SelectionStats.Result sel = SelectionStats.compute(rolling, edge - 20_000, edge + 20_000);
        assertEquals(CFG.cpus(), sel.lanes().size());
        long[] drain = Landmarks.lastDrain(rolling);
        assertNotNull(drain, "J finds the last drain in the window");
        assertTrue(drain[0] >= edge, "the last drain lies in the window");
    }
}
