package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.input.HitTester;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Bookmarks of a reviewed recording ({@link FrameState#bookmarkTs}): a dashed line with a
 * ribbon head down the bookmarked CPU's lane, or down every lane for a bookmark on all CPUs,
 * and its text beside the head when the text ends before the next bookmark it could run into.
 * Remembers where each mark went for the hover card ({@link HitTester}) and tests. Text widths
 * are measured when the bookmarks or the font change, not per frame.
 *
 * <pre>
 *  lane top ─ ▛▜ fix lands here        (head + text on a backdrop)
 *             ┆
 *  lane end ─ ┆
 * </pre>
 */
public final class BookmarkStage implements TimelineRenderer.RenderStage {
    private static final double[] DASH = {4, 3};
    private final double[] px = new double[5];
    private final double[] py = new double[5];
    private double[] markX = new double[0];
    private double[] markTop = new double[0];
    private double[] labelRight = new double[0];
    private double[] widths = new double[0];
    private String[] measuredTexts;
    private Font measuredFont;

    @Override
    public void draw(TimelineRenderer r, GraphicsContext gc) {
        FrameState f = r.frame;
        int n = f.bookmarkTs == null ? 0 : f.bookmarkTs.length;
        if (markX.length != n) {
            markX = new double[n];
            markTop = new double[n];
            labelRight = new double[n];
        }
        if (n == 0) return;
        measure(f.bookmarkText, r.style.smallFont);
        double s = r.style.scale;
        double head = 11 * s;
        double fs = r.style.smallFont.getSize();
        gc.setFont(r.style.smallFont);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < n; i++) {
            markX[i] = Double.NaN;
            labelRight[i] = Double.NaN;
            double x = Math.floor(r.x(f.bookmarkTs[i])) + 0.5;
            if (x < r.plotLeft() || x > r.canvasWidth) continue;
            int cpu = f.bookmarkCpu[i];
            double y0, y1;
            if (cpu < 0) {
                int last = r.layout.lanes() - 1;
                y0 = r.style.rulerHeight;
                y1 = Math.min(r.canvasHeight, r.layout.laneTop(last) + r.layout.laneBodyHeight());
            } else {
                if (!r.visible(cpu)) continue;
                y0 = Math.max(r.style.rulerHeight, r.layout.laneTop(cpu));
                y1 = r.layout.laneTop(cpu) + r.layout.laneBodyHeight();
            }
            markX[i] = x;
            markTop[i] = y0;
            gc.setStroke(r.palette.text);
            gc.setLineWidth(Math.max(1, 1.5 * s));
            gc.setLineDashes(DASH);
            gc.strokeLine(x, y0, x, y1);
            gc.setLineDashes((double[]) null);
            px[0] = x - 4 * s; py[0] = y0;
            px[1] = x + 4 * s; py[1] = y0;
            px[2] = x + 4 * s; py[2] = y0 + head;
            px[3] = x;         py[3] = y0 + head * 0.65;
            px[4] = x - 4 * s; py[4] = y0 + head;
            gc.setFill(r.palette.text);
            gc.fillPolygon(px, py, 5);
            double tx = x + 7 * s;
            double right = tx + widths[i] + 8 * s;
            if (right > Math.min(r.canvasWidth, nextMarkX(r, i, x))) continue;
            labelRight[i] = right;
            gc.setFill(r.palette.backdrop);
            gc.fillRoundRect(tx - 2 * s, y0 + 1, right - tx, fs * 1.45, 6, 6);
            gc.setFill(r.palette.text);
            gc.fillText(f.bookmarkText[i], tx + 2 * s, y0 + 1 + fs * 0.75);
        }
    }

    /** @return the x of the nearest bookmark right of x whose mark shares a lane with bookmark i, or +inf. */
    private static double nextMarkX(TimelineRenderer r, int i, double x) {
        FrameState f = r.frame;
        int cpu = f.bookmarkCpu[i];
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < f.bookmarkTs.length; j++) {
            int c = f.bookmarkCpu[j];
            if (j == i || (cpu >= 0 && c >= 0 && c != cpu)) continue;
            double xj = r.x(f.bookmarkTs[j]);
            if (xj >= x && xj < best && (xj > x || j > i)) best = xj;
        }
        return best;
    }

    private void measure(String[] texts, Font font) {
        if (texts == measuredTexts && font == measuredFont) return;
        Text t = new Text();
        t.setFont(font);
        widths = new double[texts.length];
        for (int i = 0; i < texts.length; i++) {
            t.setText(texts[i]);
            widths[i] = t.getLayoutBounds().getWidth();
        }
        measuredTexts = texts;
        measuredFont = font;
    }

    /** @return canvas x of bookmark i's mark in the last frame, or NaN if it was not drawn. */
    public double markX(int i) { return i < markX.length ? markX[i] : Double.NaN; }

    /** @return top of bookmark i's mark (its head) in the last frame. */
    public double markTop(int i) { return markTop[i]; }

    /** @return right end of bookmark i's text in the last frame, or NaN if there was no room for it. */
    public double labelRight(int i) { return i < labelRight.length ? labelRight[i] : Double.NaN; }
}
