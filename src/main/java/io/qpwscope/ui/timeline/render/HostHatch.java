package io.qpwscope.ui.timeline.render;

import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.scene.paint.Paint;

/**
 * The two hatches of time the host took from a CPU's thread: steal (waiting for a host core)
 * in "/" stripes of the text colour (Okabe–Ito black on light backgrounds), pause (the thread
 * neither running nor runnable) in "\" stripes of reddish purple. Stripes leave what is under
 * them visible, so a hatched interruption still reads as an interruption. The tiles are
 * anchored at the canvas origin, so adjacent fills continue one pattern. Built on first use
 * (an image needs the FX toolkit).
 */
public final class HostHatch {
    /** Pixels of one tile side (the period of the stripes). */
    public static final int TILE = 6;
    private static final double STRIPE_ALPHA = 0.95;
    private static final double BODY_ALPHA = 0.16;

    private final Color steal;
    private final Color pause;
    private Paint stealPaint, pausePaint, stealBody, pauseBody;

    HostHatch(Palette p) {
        steal = p.dark ? p.text : Palette.BLACK;
        pause = Palette.REDDISH_PURPLE;
    }

    /** The stripe colour (legend, pixel tests). */
    public Color colour(boolean pauseHatch) {
        return pauseHatch ? pause : steal;
    }

    /** The hatch fill for steal, or pause if {@code pauseHatch}. */
    public Paint hatch(boolean pauseHatch) {
        if (stealPaint == null) build();
        return pauseHatch ? pausePaint : stealPaint;
    }

    /** A faint solid fill under a sample band's stripes, so that its height reads. */
    public Paint body(boolean pauseHatch) {
        if (stealPaint == null) build();
        return pauseHatch ? pauseBody : stealBody;
    }

    private void build() {
        stealPaint = new ImagePattern(tile(steal, false), 0, 0, TILE, TILE, false);
        pausePaint = new ImagePattern(tile(pause, true), 0, 0, TILE, TILE, false);
        stealBody = Color.color(steal.getRed(), steal.getGreen(), steal.getBlue(), BODY_ALPHA);
        pauseBody = Color.color(pause.getRed(), pause.getGreen(), pause.getBlue(), BODY_ALPHA);
    }

    /** A tile with a two-pixel diagonal stripe: "/" or, if {@code back}, "\". */
    static WritableImage tile(Color c, boolean back) {
        WritableImage img = new WritableImage(TILE, TILE);
        Color on = Color.color(c.getRed(), c.getGreen(), c.getBlue(), STRIPE_ALPHA);
        for (int y = 0; y < TILE; y++) {
            for (int x = 0; x < TILE; x++) {
                int d = Math.floorMod(back ? x - y : x + y, TILE);
                img.getPixelWriter().setColor(x, y, d < 2 ? on : Color.TRANSPARENT);
            }
        }
        return img;
    }
}
