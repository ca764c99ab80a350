package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.index.LaneRow;
import io.qpwscope.ui.timeline.index.PixelSummary;
import javafx.scene.canvas.GraphicsContext;

/**
 * Draws what the host took from each CPU's thread, over the states (see {@link HostHatch}):
 * <ul>
 *   <li>host samples as a hatched band hanging from the top of the task row whose height is
 *       the share of the column the host took (steal, then pause below it): a sample says how
 *       much of its window, not where in it;</li>
 *   <li>the host part of a split interval (an interruption, noise gap, spin, flush wait,
 *       remote hold) hatched over the interval's bar, at its end, wherever the host part
 *       fills at least half of what the interval covers of a column.</li>
 * </ul>
 */
public final class HostStage implements TimelineRenderer.RenderStage {
    /** A column is drawn as host when the host part covers at least this share of the split interval in it. */
    static final float SPLIT_MAJORITY = 0.5f;
    /** Thinnest sample band drawn (px) when the host took anything. */
    static final double MIN_BAND = 2;
    private static final LaneRow[] ROWS = LaneRow.values();

    HostStage() {}

    @Override
    public void draw(TimelineRenderer r, GraphicsContext gc) {
        PixelSummary s = r.summary;
        int cols = s.columns();
        double left = r.plotLeft();
        HostHatch hatch = r.palette.host;
        for (int l = 0; l < r.layout.lanes(); l++) {
            if (!r.visible(l)) continue;
            for (LaneRow row : ROWS) {
                double y = r.layout.rowTop(l, row);
                double h = r.layout.rowHeight(row);
                double pad = Math.max(1, Math.floor(h * 0.12));
                drawSplits(gc, s, hatch, l, row, cols, left, y + pad, h - 2 * pad);
                if (row == LaneRow.TASK) drawSamples(gc, s, hatch, l, cols, left, y + pad, h - 2 * pad);
            }
        }
    }

    private static void drawSplits(GraphicsContext gc, PixelSummary s, HostHatch hatch, int lane, LaneRow row,
                                   int cols, double left, double y, double h) {
        int run = 0, runStart = 0;
        for (int p = 0; p <= cols; p++) {
            int kind = 0;
            if (p < cols) {
                float occ = s.splitOccupancy(lane, row, p);
                if (occ > 0) {
                    float steal = s.splitHost(lane, row, false, p), pause = s.splitHost(lane, row, true, p);
                    if (steal + pause >= SPLIT_MAJORITY * occ) kind = pause > steal ? 2 : 1;
                }
            }
            if (kind != run) {
                if (run > 0) {
                    gc.setFill(hatch.hatch(run == 2));
                    gc.fillRect(left + runStart, y, p - runStart, h);
                }
                run = kind;
                runStart = p;
            }
        }
    }

    private static void drawSamples(GraphicsContext gc, PixelSummary s, HostHatch hatch, int lane, int cols,
                                    double left, double y, double h) {
        float[] steal = s.hostRow(lane, false), pause = s.hostRow(lane, true);
        double runSteal = 0, runPause = 0;
        int runStart = 0;
        for (int p = 0; p <= cols; p++) {
            double hs = p < cols ? band(steal[p], h) : 0;
            double hp = p < cols ? band(pause[p], h - hs) : 0;
            if (hs != runSteal || hp != runPause) {
                fillBand(gc, hatch, false, left + runStart, y, p - runStart, runSteal);
                fillBand(gc, hatch, true, left + runStart, y + runSteal, p - runStart, runPause);
                runSteal = hs;
                runPause = hp;
                runStart = p;
            }
        }
    }

    /** @return the height (px) of the sample band (steal and pause) drawn in a task row of height {@code room}. */
    public static double bandHeight(float steal, float pause, double room) {
        double hs = band(steal, room);
        return hs + band(pause, room - hs);
    }

    /** Band height (whole pixels) for a share of a column, at most {@code room}. */
    static double band(float share, double room) {
        if (share <= 0 || room <= 0) return 0;
        return Math.min(room, Math.max(MIN_BAND, Math.round(Math.min(1f, share) * room)));
    }

    private static void fillBand(GraphicsContext gc, HostHatch hatch, boolean pause, double x, double y, double w, double h) {
        if (h <= 0 || w <= 0) return;
        gc.setFill(hatch.body(pause));
        gc.fillRect(x, y, w, h);
        gc.setFill(hatch.hatch(pause));
        gc.fillRect(x, y, w, h);
    }
}
