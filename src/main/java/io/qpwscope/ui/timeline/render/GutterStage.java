package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.index.LaneRow;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * The lane gutter on the left: CPU name, an ISOLATED badge on isolated CPUs (their lane band
 * is tinted too), the workload, the interruption count, and the row names.
 */
final class GutterStage implements TimelineRenderer.RenderStage {
    private final LabelCache cpuNames = new LabelCache(128, v -> "cpu" + v);
    private final LabelCache interruptions = new LabelCache(256, v -> v + (v == 1 ? " interruption" : " interruptions"));

    @Override
    public void draw(TimelineRenderer r, GraphicsContext gc) {
        Palette p = r.palette;
        double gw = r.plotLeft();
        double s = r.style.scale;
        gc.setFill(p.gutterBackground);
        gc.fillRect(0, r.style.rulerHeight, gw, r.canvasHeight - r.style.rulerHeight);
        gc.setTextBaseline(VPos.TOP);
        for (int l = 0; l < r.layout.lanes(); l++) {
            if (!r.visible(l)) continue;
            double y = r.layout.laneTop(l);
            double h = r.layout.laneBodyHeight();
            boolean iso = r.index.source().isolated(l);
            if (iso) {
                gc.setFill(Palette.VERMILLION);
                gc.fillRect(0, y, 4 * s, h);
            }
            gc.setTextAlign(TextAlignment.LEFT);
            gc.setFont(r.style.laneFont);
            gc.setFill(p.text);
            gc.fillText(cpuNames.get(l), 9 * s, y + 3 * s);
            double line = y + 3 * s + r.style.laneFont.getSize() * 1.25;
            gc.setFont(r.style.smallFont);
            double fs = r.style.smallFont.getSize();
            if (iso && line + fs * 1.35 < y + h) {
                double bw = 8 * fs * 0.62 + 8 * s;
                gc.setFill(Palette.VERMILLION);
                gc.fillRoundRect(9 * s, line, bw, fs * 1.35, 6, 6);
                gc.setFill(Color.WHITE);
                gc.fillText("ISOLATED", 13 * s, line + fs * 0.12);
                line += fs * 1.5;
            }
            if (r.frame.laneTitles != null && l < r.frame.laneTitles.length && r.frame.laneTitles[l] != null
                    && line + fs < y + h) {
                gc.setFill(p.mutedText);
                gc.fillText(r.frame.laneTitles[l], 9 * s, line);
                line += fs * 1.3;
            }
            long n = r.index.interruptions(l);
            if (n > 0 && line + fs < y + h) {
                gc.setFill(Palette.VERMILLION);
                gc.fillText(interruptions.get(n), 9 * s, line);
            }
            if (h >= 3 * fs * 1.1) {
                gc.setFill(p.mutedText);
                gc.setTextAlign(TextAlignment.RIGHT);
                gc.setTextBaseline(VPos.CENTER);
                for (LaneRow row : LaneRow.values()) {
                    gc.fillText(row.label, gw - 6 * s, r.layout.rowTop(l, row) + r.layout.rowHeight(row) / 2);
                }
                gc.setTextBaseline(VPos.TOP);
            }
        }
        gc.setTextAlign(TextAlignment.LEFT);
    }
}
