package io.qpwscope.ui.timeline.render;

/** Ruler tick steps: 1, 2, 5 x 10^k ns. */
public final class Ticks {
    private Ticks() {}

    /** @return the smallest 1-2-5 step (ns, at least 1) that is at least {@code minPx} wide. */
    public static long step(double nsPerPx, double minPx) {
        double want = nsPerPx * minPx;
        long step = 1;
        while (step < want && step < Long.MAX_VALUE / 10) {
            if (step * 2 >= want) return step * 2;
            if (step * 5 >= want) return step * 5;
            step *= 10;
        }
        return step;
    }

    /** @return the step one level finer (for minor ticks). */
    public static long minor(long step) {
        long d = step;
        while (d % 10 == 0) d /= 10;
        return d == 2 ? step / 2 : Math.max(1, step / 5);
    }
}
