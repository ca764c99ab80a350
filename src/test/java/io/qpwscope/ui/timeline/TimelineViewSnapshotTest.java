package io.qpwscope.ui.timeline;

import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import io.qpwscope.ui.timeline.index.SpanKind;
import io.qpwscope.ui.timeline.index.SpanTable;
import io.qpwscope.ui.timeline.render.Palette;
import io.qpwscope.ui.timeline.index.LaneRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.Recording;
import io.qpwscope.ui.FxSupport;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Snapshots of the whole timeline view (saved for a human to look at) whose pixels are
 * checked where known spans are and are not: the isolated CPU's task row is vermillion where
 * a qpw=0 drain interrupts it, and nowhere in the qpw=1 half.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimelineViewSnapshotTest {
    private static final int ISOLATED = 3;
    private static final long DURATION = 12_000_000;

    private static TimelineView view(Recording rec, double w, double h) throws Exception {
        return FxSupport.onFx(() -> {
            TimelineView v = new TimelineView();
            StackPane root = new StackPane(v);
            new Scene(root, w, h);
            root.applyCss();
            root.layout();
            v.setSource(new RecordingTimelineSource(rec));
            v.renderNow();
            return v;
        });
    }

    @Test
    void shouldDrawInterruptionsOfTheIsolatedCpuOnlyWhereTheyAre() throws Exception {
        Recording rec = SyntheticRecording.build(SyntheticRecording.Config.demo(DURATION, 1_000));
        TimelineView v = view(rec, 1400, 520);

        int[] allCounts = FxSupport.onFx(() -> {
            v.fitAll();
            v.renderNow();
            WritableImage all = v.snapshot(null, null);
            FxSupport.save(all, "synthetic-all.png");
            double half = v.viewport().xOf(DURATION / 2.0) + v.renderer().style().gutterWidth;
            int gutter = (int) v.renderer().style().gutterWidth + 1;
            return new int[] {interruptionPixels(v, all, gutter, (int) half - 2), interruptionPixels(v, all, (int) half + 2, (int) all.getWidth())};
        });
        assertTrue(allCounts[0] > 0, "qpw=0 half: the isolated CPU's interruptions are drawn");
        assertEquals(0, allCounts[1], "qpw=1 half: nothing interrupts the isolated CPU");

        FxSupport.onFx(() -> {
            v.jumpToLastDrain();
            v.renderNow();
            FxSupport.save(v.snapshot(null, null), "synthetic-last-drain.png");
            return null;
        });

        // the first qpw=0 drain, zoomed in: vermillion in the middle of its interruption, none before it
        String[] problems = FxSupport.onFx(() -> {
            SpanTable spans = v.index().lane(ISOLATED).spans();
            int k = -1;
            for (int i = 0; i < spans.size() && k < 0; i++) if (spans.kind(i) == SpanKind.INTERRUPTION) k = i;
            if (k < 0) return new String[] {"no interruption span on the isolated lane"};
            long s = spans.start(k), e = spans.end(k);
            v.viewport().fit(s - (e - s), e + (e - s));
            v.renderNow();
            WritableImage img = v.snapshot(null, null);
            FxSupport.save(img, "synthetic-qpw0-drain.png");
            var lay = v.renderer().layout();
            double gutter = v.renderer().style().gutterWidth;
            int y = (int) (lay.rowTop(ISOLATED, LaneRow.TASK) + lay.rowHeight(LaneRow.TASK) * 0.3);
            Color inside = img.getPixelReader().getColor((int) (gutter + v.viewport().xOf((s + e) / 2.0)), y);
            Color before = img.getPixelReader().getColor((int) (gutter + v.viewport().xOf(s - (e - s) / 2.0)), y);
            return new String[] {
                near(inside, Palette.VERMILLION) ? null : "inside the interruption: " + inside,
                near(before, Palette.VERMILLION) ? "before the interruption: " + before : null};
        });
        for (String p : problems) assertEquals(null, p);
    }

    /** Vermillion pixels in the isolated CPU's task row between x0 and x1. */
    private static int interruptionPixels(TimelineView v, WritableImage img, int x0, int x1) {
        var lay = v.renderer().layout();
        int y0 = (int) lay.rowTop(ISOLATED, LaneRow.TASK);
        int y1 = (int) (y0 + lay.rowHeight(LaneRow.TASK));
        PixelReader pr = img.getPixelReader();
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min((int) img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min((int) img.getWidth(), x1); x++) {
                if (near(pr.getColor(x, y), Palette.VERMILLION)) n++;
            }
        }
        return n;
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.08 && Math.abs(a.getGreen() - b.getGreen()) < 0.08
                && Math.abs(a.getBlue() - b.getBlue()) < 0.08;
    }
}
