package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.index.LaneRow;
import io.qpwscope.ui.timeline.index.QueueTable;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * Work arrows: from the WORK_QUEUED of the queuing CPU to the WORK_START where the work ran
 * (orange: the target's kworker; green: inline in the caller). Work not started yet is a
 * dashed arrow to the data edge labelled with how long it has been pending. With more than
 * {@link #MAX_ARROWS} in view (or more than one per {@link #PX_PER_ARROW} pixels) none is
 * drawn — the work rows already show where work ran — and the overlay says so.
 */
final class ArrowStage implements TimelineRenderer.RenderStage {
    static final int MAX_ARROWS = 150;
    /** ...and at least this many pixels of width per arrow, or they are a tangle, not a picture. */
    static final int PX_PER_ARROW = 8;
    private static final double[] DASH = {6, 4};
    private static final double[] SOLID = {};
    private final double[] hx = new double[3];
    private final double[] hy = new double[3];
    private final LabelCache pendingLabels = new LabelCache(256, ns -> "pending " + TimeFormat.duration(ns));

    @Override
    public void draw(TimelineRenderer r, GraphicsContext gc) {
        r.arrowsHidden = 0;
        double t0 = r.viewport.startNs();
        double t1 = Math.min(r.viewport.endNs(), r.frame.dataEnd);
        if (t1 <= t0) return;
        int count = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int l = 0; l < r.layout.lanes(); l++) {
                QueueTable q = r.index.lane(l).queued();
                int from = Math.min(q.lowerBound((long) (t0 - r.index.maxQueueLatency()) - 1), q.firstPending());
                int to = q.lowerBound((long) Math.ceil(t1) + 1);
                for (int i = from; i < to; i++) {
                    if (q.startLane(i) == QueueTable.LOST) continue;
                    long qt = q.queuedTs(i);
                    long st = q.startTs(i);
                    boolean pending = q.startLane(i) == QueueTable.PENDING || st > r.frame.dataEnd;
                    if (!pending && st < t0) continue;
                    if (pass == 0) {
                        count++;
                    } else {
                        arrow(r, gc, l, q, i, qt, pending);
                    }
                }
            }
            if (pass == 0 && count > Math.min(MAX_ARROWS, r.summary.width() / PX_PER_ARROW)) {
                r.arrowsHidden = count;
                return;
            }
        }
        if (dashed) {
            gc.setLineDashes(SOLID);
            dashed = false;
        }
    }

    /** setLineDashes copies its array: switch only when the dash state changes. */
    private boolean dashed;

    private void arrow(TimelineRenderer r, GraphicsContext gc, int lane, QueueTable q, int i, long qt, boolean pending) {
        int target = pending ? q.target(i) : q.startLane(i);
        if (target < 0 || target >= r.layout.lanes()) return;
        if (!r.visible(lane) && !r.visible(target)) return;
        double x0 = r.x(qt);
        double x1 = pending ? r.x(r.frame.dataEnd) : r.x(q.startTs(i));
        double y0 = r.layout.rowTop(lane, LaneRow.WORK) + r.layout.rowHeight(LaneRow.WORK) / 2;
        double y1 = r.layout.rowTop(target, LaneRow.WORK) + r.layout.rowHeight(LaneRow.WORK) / 2;
        if (target == lane) y1 = y0;
        double lw = Math.max(1.5, 2 * r.style.scale);
        gc.setLineWidth(lw);
        gc.setStroke(pending ? r.palette.neutral : q.inline(i) ? Palette.BLUISH_GREEN : Palette.ORANGE);
        gc.setFill(gc.getStroke());
        if (pending != dashed) {
            gc.setLineDashes(pending ? DASH : SOLID);
            dashed = pending;
        }
        gc.beginPath();
        gc.moveTo(x0, y0);
        if (target == lane) {
            double lift = r.layout.rowHeight(LaneRow.WORK) * 0.9;
            gc.bezierCurveTo(x0, y0 - lift, x1, y1 - lift, x1, y1);
        } else {
            double mid = (y0 + y1) / 2;
            gc.bezierCurveTo(x0, mid, x1, mid, x1, y1);
        }
        gc.stroke();
        double m = 4 * r.style.scale + 1;
        double dir = y1 >= y0 ? 1 : -1;
        if (target == lane) dir = 1;
        hx[0] = x1 - m; hx[1] = x1 + m; hx[2] = x1;
        hy[0] = y1 - dir * m * 1.6; hy[1] = hy[0]; hy[2] = y1;
        gc.fillPolygon(hx, hy, 3);
        gc.fillOval(x0 - m * 0.7, y0 - m * 0.7, m * 1.4, m * 1.4);
        if (pending && x1 - x0 > 60 * r.style.scale) {
            gc.setFont(r.style.smallFont);
            gc.setTextAlign(TextAlignment.RIGHT);
            gc.setTextBaseline(VPos.BOTTOM);
            gc.setFill(r.palette.text);
            gc.fillText(pendingLabels.get(roundTo3(r.frame.dataEnd - qt)), x1 - 4, y1 - 3);
            gc.setTextAlign(TextAlignment.LEFT);
        }
    }

    /** Rounds to 3 significant digits so that a growing age reuses cached labels. */
    private static long roundTo3(double ns) {
        long v = (long) ns;
        long scale = 1;
        while (v >= 1000) {
            v /= 10;
            scale *= 10;
        }
        return v * scale;
    }
}
