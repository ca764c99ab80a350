package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.index.LaneRow;

/**
 * Vertical placement of lanes and their rows under the ruler. Lanes share the height
 * available between {@link TimelineStyle#minLaneHeight} and {@link TimelineStyle#maxLaneHeight};
 * when even the minimum does not fit, the lanes scroll ({@link #scrollPx}).
 *
 * <pre>
 *  laneTop ─┬───────────────────────── task row  (44 %)
 *           ├───────────────────────── locks row (28 %)
 *           ├───────────────────────── work row  (28 %)
 *           └── gap
 * </pre>
 */
public final class LaneLayout {
    private static final double[] ROW_SHARE = {0.44, 0.28, 0.28};

    private int lanes;
    private double laneHeight;
    private double top;
    private double scrollPx;
    private double contentHeight;
    private double viewHeight;
    private double gap;

    public void update(int laneCount, double canvasHeight, TimelineStyle style) {
        lanes = laneCount;
        top = style.rulerHeight;
        gap = style.laneGap;
        viewHeight = Math.max(0, canvasHeight - top);
        double fit = laneCount == 0 ? style.maxLaneHeight : viewHeight / laneCount;
        laneHeight = Math.max(style.minLaneHeight, Math.min(style.maxLaneHeight, Math.floor(fit)));
        contentHeight = laneHeight * laneCount;
        scrollPx = Math.max(0, Math.min(scrollPx, maxScroll()));
    }

    public int lanes() { return lanes; }

    public double laneHeight() { return laneHeight; }

    public double maxScroll() { return Math.max(0, contentHeight - viewHeight); }

    public double scrollPx() { return scrollPx; }

    public void setScrollPx(double px) { scrollPx = Math.max(0, Math.min(px, maxScroll())); }

    public double laneTop(int lane) { return top + lane * laneHeight - scrollPx; }

    /** Height of the drawn part of a lane (without the gap below it). */
    public double laneBodyHeight() { return laneHeight - gap; }

    public double rowTop(int lane, LaneRow row) {
        double y = laneTop(lane);
        for (int r = 0; r < row.ordinal(); r++) y += Math.floor(laneBodyHeight() * ROW_SHARE[r]);
        return y;
    }

    public double rowHeight(LaneRow row) {
        double h = Math.floor(laneBodyHeight() * ROW_SHARE[row.ordinal()]);
        return row == LaneRow.WORK ? laneBodyHeight() - Math.floor(laneBodyHeight() * ROW_SHARE[0])
                - Math.floor(laneBodyHeight() * ROW_SHARE[1]) : h;
    }

    public boolean laneVisible(int lane, double canvasHeight) {
        double y = laneTop(lane);
        return y + laneHeight > top && y < canvasHeight;
    }

    /** @return lane under canvas y, or -1. */
    public int laneAt(double y) {
        if (y < top || laneHeight <= 0) return -1;
        int lane = (int) Math.floor((y - top + scrollPx) / laneHeight);
        return lane >= 0 && lane < lanes ? lane : -1;
    }

    /** @return row under canvas y within its lane, or null (ruler, gap). */
    public LaneRow rowAt(double y) {
        int lane = laneAt(y);
        if (lane < 0) return null;
        for (LaneRow r : LaneRow.values()) {
            double t = rowTop(lane, r);
            if (y >= t && y < t + rowHeight(r)) return r;
        }
        return null;
    }
}
