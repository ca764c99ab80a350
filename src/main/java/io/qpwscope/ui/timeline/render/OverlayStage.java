package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.index.LaneIndex;
import io.qpwscope.ui.timeline.index.SpanTable;
import io.qpwscope.ui.timeline.input.TimelineHit;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Everything drawn across lanes: live qpw switches (a line through every lane and a tag in
 * the ruler), trigger flags (a ▼ in the ruler for each, its name above it where it
 * overlaps no other text of the ruler: see {@link RulerText}), the selected range with its length, the selected item's
 * outline, the playback cursor with the not-yet-shown future dimmed, the hover line and the
 * playback badge.
 */
final class OverlayStage implements TimelineRenderer.RenderStage {
    private final LabelCache modeLabels = new LabelCache(4, v -> "qpw=" + v + (v == 1 ? " (spinlocks)" : " (local_lock)"));
    private final LabelCache triggerLabels = new LabelCache(16, v -> io.qpwscope.trace.Trigger.ofCode((int) v).id);
    private final LabelCache selLabels = new LabelCache(64, v -> "Δ " + TimeFormat.duration(v));
    private final double[] tx = new double[3];
    private final double[] ty = new double[3];

    @Override
    public void draw(TimelineRenderer r, GraphicsContext gc) {
        double top = r.style.rulerHeight;
        double bottom = r.canvasHeight;
        double left = r.plotLeft();
        double right = r.canvasWidth;
        FrameState f = r.frame;
        gc.setFont(r.style.smallFont);
        gc.setTextBaseline(VPos.CENTER);

        if (!Double.isNaN(f.selStart) && !Double.isNaN(f.selEnd)) {
            double a = Math.max(left, r.x(Math.min(f.selStart, f.selEnd)));
            double b = Math.min(right, r.x(Math.max(f.selStart, f.selEnd)));
            if (b > a) {
                gc.setFill(r.palette.selection);
                gc.fillRect(a, top, b - a, bottom - top);
                gc.setFill(r.palette.text);
                gc.fillRect(a, top, 1, bottom - top);
                gc.fillRect(b - 1, top, 1, bottom - top);
                gc.setTextAlign(TextAlignment.CENTER);
                gc.fillText(selLabels.get((long) Math.abs(f.selEnd - f.selStart)), (a + b) / 2, top + 9 * r.style.scale);
            }
        }

        for (int k = 0; k < r.index.modeSwitchCount(); k++) {
            long ref = r.index.modeSwitch(k);
            SpanTable st = r.index.lane((int) (ref >>> 32)).spans();
            int row = (int) ref;
            double x = r.x(st.end(row));
            if (x < left || x > right || st.end(row) > f.dataEnd) continue;
            gc.setStroke(Palette.REDDISH_PURPLE);
            gc.setLineWidth(Math.max(2, 2 * r.style.scale));
            gc.strokeLine(x, top, x, bottom);
            String label = modeLabels.get(st.flags(row));
            double w = label.length() * r.style.smallFont.getSize() * 0.6 + 10;
            gc.setFill(Palette.REDDISH_PURPLE);
            gc.fillRoundRect(x + 2, top + 2, w, r.style.smallFont.getSize() * 1.6, 6, 6);
            gc.setFill(Color.BLACK);
            gc.setTextAlign(TextAlignment.LEFT);
            gc.fillText(label, x + 7, top + 2 + r.style.smallFont.getSize() * 0.8);
        }

        for (int k = 0; k < r.index.triggerCount(); k++) {
            long ref = r.index.trigger(k);
            SpanTable st = r.index.lane((int) (ref >>> 32)).spans();
            flag(r, gc, st.start((int) ref), st.fn((int) ref));
        }
        for (int l = 0; l < r.layout.lanes(); l++) {
            LaneIndex lane = r.index.lane(l);
            if (lane.openTriggerStart() >= 0) flag(r, gc, lane.openTriggerStart(), lane.openTriggerFn());
        }

        TimelineHit sel = f.selected;
        if (sel != null && r.visible(sel.lane()) && sel.row() != null) {
            double a = r.x(sel.startNs());
            double b = Math.max(a + 2, r.x(sel.endNs()));
            double y = r.layout.rowTop(sel.lane(), sel.row());
            gc.setStroke(r.palette.text);
            gc.setLineWidth(2);
            gc.strokeRect(Math.max(left, a) - 1, y, Math.min(right, b) - Math.max(left, a) + 2, r.layout.rowHeight(sel.row()));
        }

        if (!Double.isNaN(f.cursor)) {
            double x = r.x(f.cursor);
            if (x >= left && x <= right) {
                gc.setFill(r.palette.future);
                gc.fillRect(x, top, right - x, bottom - top);
                gc.setFill(Palette.YELLOW);
                gc.fillRect(x - 1, top, 2, bottom - top);
            }
        }

        if (!Double.isNaN(f.hoverX) && f.hoverX >= left) {
            gc.setStroke(r.palette.mutedText);
            gc.setLineWidth(1);
            gc.strokeLine(Math.floor(f.hoverX) + 0.5, top, Math.floor(f.hoverX) + 0.5, bottom);
        }

        badge(r, gc);
    }

    private void flag(TimelineRenderer r, GraphicsContext gc, long t, int fn) {
        if (t > r.frame.dataEnd) return;
        double x = r.x(t);
        if (x < r.plotLeft() || x > r.canvasWidth) return;
        double h = r.style.rulerHeight;
        double m = 6 * r.style.scale;
        tx[0] = x - m; tx[1] = x + m; tx[2] = x;
        ty[0] = h - m * 1.6; ty[1] = ty[0]; ty[2] = h;
        gc.setFill(r.palette.text);
        gc.fillPolygon(tx, ty, 3);
        double x0 = x - m;
        double x1 = x0 + triggerLabels.width(fn, r.style.smallFont);
        double pad = FLAG_TEXT_GAP * r.style.scale;
        if (x0 < r.plotLeft() || x1 > r.canvasWidth - badgeWidth(r) || r.rulerText.overlaps(x0 - pad, x1 + pad)) return;
        r.rulerText.add(x0, x1, true);
        gc.setFill(r.palette.mutedText);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.fillText(triggerLabels.get(fn), x0, 4.5 * r.style.scale);
    }

    /** Least space between a flag's name and any other text in the ruler (px at scale 1). */
    static final double FLAG_TEXT_GAP = 8;

    /** Width kept free at the right of the ruler for the playback badge. */
    static double badgeWidth(TimelineRenderer r) {
        return 240 * r.style.scale;
    }

    /** A right-aligned line at the bottom of the plot on its own backdrop. */
    private void note(TimelineRenderer r, GraphicsContext gc, String text, double right, double bottom) {
        double fs = r.style.smallFont.getSize();
        double w = text.length() * fs * 0.58 + 12;
        gc.setFill(r.palette.backdrop);
        gc.fillRoundRect(right - w + 4, bottom - fs * 1.4, w, fs * 1.5, 8, 8);
        gc.setFill(r.palette.mutedText);
        gc.fillText(text, right, bottom);
    }

    private void badge(TimelineRenderer r, GraphicsContext gc) {
        FrameState f = r.frame;
        double s = r.style.scale;
        gc.setFont(r.style.boldFont);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        double y = r.style.rulerHeight / 2;
        double x = r.canvasWidth - 10 * s;
        if (f.badge != null && !f.badge.isEmpty()) {
            double w = Math.min(badgeWidth(r) - 8 * s, f.badge.length() * r.style.boldFont.getSize() * 0.62 + 28 * s);
            double bh = Math.min(r.style.rulerHeight - 4, 22 * s);
            gc.setFill(r.palette.backdrop);
            gc.fillRoundRect(x - w, y - bh / 2, w + 6 * s, bh, 10, 10);
            gc.setFill(f.live ? Palette.VERMILLION : Palette.YELLOW);
            gc.fillOval(x - w + 6 * s, y - 4 * s, 8 * s, 8 * s);
            gc.setFill(r.palette.text);
            gc.fillText(f.badge, x, y);
        }
        gc.setFont(r.style.smallFont);
        gc.setTextBaseline(VPos.BOTTOM);
        double ny = r.canvasHeight - 6 * s;
        if (r.arrowsHidden > 0) {
            note(r, gc, "zoom in to see work arrows", x, ny);
            ny -= r.style.smallFont.getSize() * 1.6;
        }
        if (f.note != null) note(r, gc, f.note, x, ny);
        gc.setTextAlign(TextAlignment.LEFT);
    }
}
