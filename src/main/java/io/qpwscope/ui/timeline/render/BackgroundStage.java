package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.index.LaneRow;
import javafx.scene.canvas.GraphicsContext;

/** Canvas background, lane bands (isolated lanes tinted), row separators, vertical grid. */
final class BackgroundStage implements TimelineRenderer.RenderStage {
    @Override
    public void draw(TimelineRenderer r, GraphicsContext gc) {
        Palette p = r.palette;
        gc.setFill(p.background);
        gc.fillRect(0, 0, r.canvasWidth, r.canvasHeight);
        LaneLayout lay = r.layout;
        double left = r.plotLeft();
        double w = r.canvasWidth - left;
        for (int l = 0; l < lay.lanes(); l++) {
            if (!r.visible(l)) continue;
            boolean iso = r.index.source().isolated(l);
            gc.setFill(iso ? p.isolatedBackground : (l % 2 == 0 ? p.laneBackground : p.laneAltBackground));
            gc.fillRect(left, lay.laneTop(l), w, lay.laneBodyHeight());
            gc.setFill(p.grid);
            for (LaneRow row : LaneRow.values()) {
                if (row.ordinal() == 0) continue;
                gc.fillRect(left, lay.rowTop(l, row), w, 1);
            }
        }
        long step = Ticks.step(r.viewport.nsPerPx(), r.style.tickSpacing);
        double start = r.viewport.startNs();
        long first = (long) Math.ceil(start / step) * step;
        gc.setFill(p.grid);
        double top = r.style.rulerHeight;
        for (long t = first; t <= r.viewport.endNs(); t += step) {
            double x = Math.floor(r.x(t));
            gc.fillRect(x, top, 1, r.canvasHeight - top);
        }
    }
}
