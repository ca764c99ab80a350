package io.qpwscope.ui.timeline.render;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * The time ruler: major ticks every 1-2-5 step at least {@link TimelineStyle#tickSpacing}
 * apart with labels in ns / µs / ms / s, minor ticks between. When absolute labels would be
 * long (a µs step a few seconds into a run), ticks show offsets from a base written in the
 * corner ("12.345 s +"), as Perfetto does. Records where its labels went in
 * {@link TimelineRenderer#rulerText} so that flag names drawn later avoid them.
 */
final class RulerStage implements TimelineRenderer.RenderStage {
    private long cachedStep = -1;
    private long cachedUnit = -1;
    private LabelCache tickLabels;

    @Override
    public void draw(TimelineRenderer r, GraphicsContext gc) {
        Palette p = r.palette;
        double h = r.style.rulerHeight;
        gc.setFill(p.rulerBackground);
        gc.fillRect(r.plotLeft(), 0, r.canvasWidth - r.plotLeft(), h);
        gc.setFill(p.grid);
        gc.fillRect(r.plotLeft(), h - 1, r.canvasWidth - r.plotLeft(), 1);
        long step = Ticks.step(r.viewport.nsPerPx(), r.style.tickSpacing);
        double start = r.viewport.startNs();
        double end = r.viewport.endNs();
        long unit = TimeFormat.unitFor(Math.max(Math.abs(start), Math.abs(end)));
        if (step != cachedStep || unit != cachedUnit) {
            cachedStep = step;
            cachedUnit = unit;
            final long s = step, u = unit;
            tickLabels = new LabelCache(512, v -> TimeFormat.tick(v, s, u));
        }
        long minor = Ticks.minor(step);
        long firstMinor = (long) Math.ceil(start / minor) * minor;
        gc.setFill(p.mutedText);
        for (long t = firstMinor; t <= end; t += minor) {
            double x = Math.floor(r.x(t));
            boolean major = t % step == 0;
            double len = major ? h * 0.45 : h * 0.2;
            gc.fillRect(x, h - len, 1, len);
        }
        gc.setFont(r.style.font);
        gc.setTextBaseline(VPos.TOP);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFill(p.text);
        RulerText placed = r.rulerText;
        placed.clear();
        long first = (long) Math.ceil(start / step) * step;
        for (long t = first; t <= end; t += step) {
            double x = Math.floor(r.x(t));
            if (x + 4 > r.canvasWidth - OverlayStage.badgeWidth(r)) break;
            gc.fillText(tickLabels.get(t), x + 4, 3 * r.style.scale);
            if (x + 4 >= r.plotLeft()) placed.add(x + 4, x + 4 + tickLabels.width(t, r.style.font), false);
        }
        gc.setFill(p.gutterBackground);
        gc.fillRect(0, 0, r.plotLeft(), h);
    }
}
