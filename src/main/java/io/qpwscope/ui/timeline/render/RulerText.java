package io.qpwscope.ui.timeline.render;

import java.util.Arrays;

/**
 * Horizontal extents of the text drawn in the ruler this frame: the time labels first, then
 * the names next to trigger flags. A flag's name is drawn only where it overlaps nothing
 * already here (its ▼ mark is drawn regardless). Arrays are reused between frames; tests read
 * the extents back. FX thread only.
 *
 * <pre>
 *  |2 s         flushbufs    4 s      |   time labels and flag names: one line, no overlaps
 *  |    ▼   ▼   ▼     ▼   ▼    ▼  ▼   |   every flag keeps its mark
 * </pre>
 */
public final class RulerText {
    private double[] left = new double[64];
    private double[] right = new double[64];
    private boolean[] flag = new boolean[64];
    private int count;

    void clear() {
        count = 0;
    }

    /** @return whether [x0, x1) overlaps a text already placed (open intervals touch freely). */
    boolean overlaps(double x0, double x1) {
        for (int i = 0; i < count; i++) {
            if (x0 < right[i] && left[i] < x1) return true;
        }
        return false;
    }

    void add(double x0, double x1, boolean isFlag) {
        if (count == left.length) {
            left = Arrays.copyOf(left, count * 2);
            right = Arrays.copyOf(right, count * 2);
            flag = Arrays.copyOf(flag, count * 2);
        }
        left[count] = x0;
        right[count] = x1;
        flag[count] = isFlag;
        count++;
    }

    public int count() { return count; }

    public double left(int i) { return left[i]; }

    public double right(int i) { return right[i]; }

    /** @return whether the i-th text is a flag's name (else a time label). */
    public boolean isFlag(int i) { return flag[i]; }
}
