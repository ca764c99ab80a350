package io.qpwscope.ui.timeline;

import io.qpwscope.ui.timeline.index.LaneRow;
import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import io.qpwscope.ui.timeline.input.HitTester;
import io.qpwscope.ui.timeline.input.TimelineHit;
import io.qpwscope.ui.timeline.render.FrameState;
import io.qpwscope.ui.timeline.render.RulerText;
import io.qpwscope.ui.timeline.render.TimelineRenderer;
import io.qpwscope.ui.timeline.render.TimelineStyle;
import io.qpwscope.ui.timeline.render.Viewport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.Recording;
import io.qpwscope.ui.FxSupport;
import java.util.concurrent.TimeUnit;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Text in the ruler (time labels, trigger flag names) and bookmark marks on the lanes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RulerAndBookmarkTest {
    static final int W = 1400, H = 600;
    static TimelineIndex idx;

    @BeforeAll
    static void build() throws Exception {
        FxSupport.start();
        Recording rec = SyntheticRecording.build(new SyntheticRecording.Config(4, 1L << 3, 40_000_000, 2_000, 300_000, 20_000_000, 0));
        idx = new TimelineIndex(new RecordingTimelineSource(rec));
        while (idx.catchUp(1 << 20) > 0) { }
    }

    private static FrameState frame() {
        FrameState f = new FrameState();
        f.dataEnd = idx.endTs();
        return f;
    }

    private static int visibleTriggers(TimelineRenderer r, Viewport vp) {
        int n = 0;
        for (int k = 0; k < idx.triggerCount(); k++) {
            long ref = idx.trigger(k);
            long t = idx.lane((int) (ref >>> 32)).spans().start((int) ref);
            if (t >= vp.startNs() && t <= vp.endNs()) n++;
        }
        return n;
    }

    @Test
    void shouldDrawNoFlagNameOverAnotherFlagNameOrATimeLabelWhenTriggersAreDense() throws Exception {
        for (TimelineStyle style : new TimelineStyle[] {TimelineStyle.NORMAL, TimelineStyle.PRESENTATION}) {
            TimelineRenderer r = new TimelineRenderer();
            Viewport vp = new Viewport();
            FxSupport.onFx(() -> {
                r.setStyle(style);
                r.layout(idx, vp, W, H);
                vp.fit(0, idx.endTs());
                r.render(new Canvas(W, H).getGraphicsContext2D(), idx, vp, frame(), W, H);
                return null;
            });
            RulerText t = r.rulerText;
            int flags = 0, labels = 0;
            for (int i = 0; i < t.count(); i++) {
                if (t.isFlag(i)) flags++; else labels++;
                for (int j = 0; j < i; j++) {
                    boolean apart = t.right(j) <= t.left(i) || t.right(i) <= t.left(j);
                    assertTrue(apart, "scale " + style.scale + ": text " + j + " [" + t.left(j) + ", " + t.right(j)
                            + ") overlaps text " + i + " [" + t.left(i) + ", " + t.right(i) + ")");
                }
            }
            int triggers = visibleTriggers(r, vp);
            assertTrue(labels >= 2, "scale " + style.scale + ": time labels recorded: " + labels);
            assertTrue(flags >= 1, "some flag names drawn");
            assertTrue(triggers > 2 * flags, triggers + " triggers in view, names on " + flags + ": dense ones go unnamed");
        }
    }

    @Test
    void shouldDrawABookmarkOnItsLaneAtItsTimeAndNameItOnHover() throws Exception {
        TimelineRenderer r = new TimelineRenderer();
        Viewport vp = new Viewport();
        FrameState f = frame();
        long ts = 12_345_678;
        f.bookmarkTs = new long[] {ts, 30_000_000};
        f.bookmarkCpu = new int[] {3, -1};
        f.bookmarkText = new String[] {"interruption here", "after the switch"};
        PixelReader px = FxSupport.onFx(() -> {
            Canvas c = new Canvas(W, H);
            r.layout(idx, vp, W, H);
            vp.fit(0, idx.endTs());
            r.render(c.getGraphicsContext2D(), idx, vp, f, W, H);
            return c.snapshot(null, null).getPixelReader();
        });
        double expected = Math.floor(r.style().gutterWidth + vp.xOf(ts)) + 0.5;
        assertEquals(expected, r.bookmarks.markX(0), 1e-9, "mark at the bookmark's x");
        assertEquals(r.layout().laneTop(3), r.bookmarks.markTop(0), 1e-9, "on cpu3's lane");
        assertEquals(r.style().rulerHeight, r.bookmarks.markTop(1), 1e-9, "an all-CPU bookmark starts under the ruler");
        assertFalse(Double.isNaN(r.bookmarks.labelRight(0)), "room for the text");
        Color head = px.getColor((int) expected, (int) r.bookmarks.markTop(0) + 3);
        assertTrue(head.equals(r.palette().text) || distance(head, r.palette().text) < 0.05, "the head is drawn at the mark: " + head);

        double midLane3 = r.layout().rowTop(3, LaneRow.TASK) + 4;
        TimelineHit onMark = HitTester.hit(r, expected, midLane3);
        assertNotNull(onMark);
        assertEquals("Bookmark: interruption here", onMark.title());
        TimelineHit otherLane = HitTester.hit(r, expected, r.layout().rowTop(1, LaneRow.TASK) + 4);
        assertTrue(otherLane == null || !otherLane.title().startsWith("Bookmark"), "a cpu3 bookmark is not on cpu1's lane");
        double allX = r.bookmarks.markX(1);
        TimelineHit onAll = HitTester.hit(r, allX, r.layout().rowTop(1, LaneRow.WORK) + 2);
        assertEquals("Bookmark: after the switch", onAll.title());
    }

    private static double distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue());
    }
}
