package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.index.LaneRow;
import io.qpwscope.ui.timeline.index.PixelSummary;
import io.qpwscope.ui.timeline.index.SpanKind;
import javafx.scene.canvas.GraphicsContext;

/**
 * Paints each row of each visible lane from the pixel summary: per column the state of
 * highest priority present wins, its opacity tells how much of the column it fills; runs of
 * equal columns are merged into one rectangle.
 */
public final class StateStage implements TimelineRenderer.RenderStage {
    /** Kinds per row, lowest priority first. */
    public static final SpanKind[][] ROW_KINDS = {
        {SpanKind.TASK_USER, SpanKind.TASK_KWORKER, SpanKind.INTERRUPTION},
        {SpanKind.LOCK_LOCAL, SpanKind.REMOTE_HOLDING, SpanKind.SPIN, SpanKind.REMOTE_HELD},
        {SpanKind.FLUSH_WAIT, SpanKind.WORK_INLINE, SpanKind.WORK_KWORKER},
    };
    /** The task row's base state is drawn faint so that what interrupts it stands out. */
    private static final int TASK_USER_MAX_LEVEL = 1;
    /** Local lock rows are a utilisation chart: bar height by how much of the column is held. */
    private static final double[] LOCK_HEIGHT = {0.3, 0.55, 0.8, 1.0};
    /** Share of the task row's height the noise band takes. */
    private static final double NOISE_HEIGHT = 0.35;

    private final int[][] rowKinds = new int[ROW_KINDS.length][];

    StateStage() {
        for (int r = 0; r < ROW_KINDS.length; r++) {
            rowKinds[r] = new int[ROW_KINDS[r].length];
            for (int k = 0; k < ROW_KINDS[r].length; k++) rowKinds[r][k] = ROW_KINDS[r][k].ordinal();
        }
    }

    @Override
    public void draw(TimelineRenderer r, GraphicsContext gc) {
        PixelSummary s = r.summary;
        int cols = s.columns();
        double left = r.plotLeft();
        for (int l = 0; l < r.layout.lanes(); l++) {
            if (!r.visible(l)) continue;
            for (LaneRow row : LaneRow.values()) {
                double y = r.layout.rowTop(l, row);
                double h = r.layout.rowHeight(row);
                double pad = Math.max(1, Math.floor(h * 0.12));
                drawRow(r, gc, s, l, row, cols, left, y + pad, h - 2 * pad);
                if (row == LaneRow.TASK) drawNoise(r, gc, s, l, cols, left, y + pad, h - 2 * pad);
            }
        }
    }

    /**
     * Noise (gaps the task's own loop measured, mostly the host scheduling the CPU thread
     * out) as a band along the bottom of the task row, so that it shows without hiding that
     * the task owns the CPU; not under interruptions, which include their own gap.
     */
    private void drawNoise(TimelineRenderer r, GraphicsContext gc, PixelSummary s, int lane, int cols, double left,
                           double y, double h) {
        float[] noise = s.row(lane, SpanKind.NOISE.ordinal());
        float[] intr = s.row(lane, SpanKind.INTERRUPTION.ordinal());
        int noiseOrdinal = SpanKind.NOISE.ordinal();
        double bh = Math.max(3, Math.round(h * NOISE_HEIGHT));
        int runLevel = -1, runStart = 0;
        for (int p = 0; p <= cols; p++) {
            int level = p < cols && noise[p] > 0 && intr[p] <= 0 ? Palette.level(Math.min(1f, noise[p])) : -1;
            if (level != runLevel) {
                if (runLevel >= 0) {
                    gc.setFill(r.palette.state(noiseOrdinal, runLevel));
                    gc.fillRect(left + runStart, y + h - bh, p - runStart, bh);
                }
                runLevel = level;
                runStart = p;
            }
        }
    }

    private void drawRow(TimelineRenderer r, GraphicsContext gc, PixelSummary s, int lane, LaneRow row,
                         int cols, double left, double y, double h) {
        int[] kinds = rowKinds[row.ordinal()];
        int runKind = -1, runLevel = -1, runStart = 0;
        boolean lockRow = row == LaneRow.LOCK;
        int userOrdinal = SpanKind.TASK_USER.ordinal();
        int lockOrdinal = SpanKind.LOCK_LOCAL.ordinal();
        for (int p = 0; p <= cols; p++) {
            int kind = -1, level = -1;
            if (p < cols) {
                for (int k = kinds.length - 1; k >= 0; k--) {
                    float f = s.row(lane, kinds[k])[p];
                    if (lockRow && k == 0 && f <= 0 && s.lockOps(lane, p) > 0) f = 1e-3f;
                    if (f > 0) {
                        kind = kinds[k];
                        level = Palette.level(Math.min(1f, f));
                        if (kind == userOrdinal) level = Math.min(level, TASK_USER_MAX_LEVEL);
                        break;
                    }
                }
            }
            if (kind != runKind || level != runLevel) {
                if (runKind >= 0) {
                    gc.setFill(r.palette.state(runKind, runLevel));
                    double bh = runKind == lockOrdinal ? Math.max(2, Math.round(h * LOCK_HEIGHT[runLevel])) : h;
                    gc.fillRect(left + runStart, y + h - bh, p - runStart, bh);
                }
                runKind = kind;
                runLevel = level;
                runStart = p;
            }
        }
    }
}
