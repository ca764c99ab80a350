package io.qpwscope.ui.timeline.render;

import java.util.Arrays;
import java.util.function.LongFunction;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * A direct-mapped cache of label strings keyed by a long (a tick value, a duration), so that
 * a redraw of an unchanged view formats nothing and allocates nothing. Also caches each
 * label's drawn width in one font (measured on a miss). FX thread only.
 */
public final class LabelCache {
    private final long[] keys;
    private final String[] vals;
    private final double[] widths;
    private final LongFunction<String> format;
    private final int mask;
    private Font widthFont;
    private Text measure;

    LabelCache(int sizePow2, LongFunction<String> format) {
        this.keys = new long[sizePow2];
        this.vals = new String[sizePow2];
        this.widths = new double[sizePow2];
        this.mask = sizePow2 - 1;
        this.format = format;
    }

    String get(long key) {
        int i = (int) mix(key) & mask;
        if (vals[i] != null && keys[i] == key) return vals[i];
        String s = format.apply(key);
        keys[i] = key;
        vals[i] = s;
        widths[i] = -1;
        return s;
    }

    /** @return the width of {@link #get(long) get(key)} drawn in {@code font} (px). */
    double width(long key, Font font) {
        String s = get(key);
        if (font != widthFont) {
            Arrays.fill(widths, -1);
            widthFont = font;
        }
        int i = (int) mix(key) & mask;
        if (widths[i] < 0) {
            if (measure == null) measure = new Text();
            measure.setFont(font);
            measure.setText(s);
            widths[i] = measure.getLayoutBounds().getWidth();
        }
        return widths[i];
    }

    /** splitmix64's finaliser: every key bit reaches the low bits (keys differ mostly in high bits). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    void clear() {
        Arrays.fill(vals, null);
    }
}
