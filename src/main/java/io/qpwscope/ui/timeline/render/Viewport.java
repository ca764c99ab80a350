package io.qpwscope.ui.timeline.render;

/**
 * The visible time window: {@code startNs} at the left of the plot area, {@code nsPerPx}
 * per pixel column. Zoom spans 0.02 ns to 1 s per pixel, i.e. a 1,000-pixel plot shows
 * anything from 20 ns to 17 minutes. FX thread only.
 */
public final class Viewport {
    public static final double MIN_NS_PER_PX = 0.02;
    public static final double MAX_NS_PER_PX = 1e9;

    private double startNs;
    private double nsPerPx = 1_000;
    private int widthPx = 1;
    private long version;

    public double startNs() { return startNs; }

    public double nsPerPx() { return nsPerPx; }

    public int widthPx() { return widthPx; }

    public double endNs() { return startNs + nsPerPx * widthPx; }

    public double spanNs() { return nsPerPx * widthPx; }

    /** Incremented on every change, so a frame can tell whether the view moved. */
    public long version() { return version; }

    public double xOf(double t) { return (t - startNs) / nsPerPx; }

    public double tOf(double x) { return startNs + x * nsPerPx; }

    public void setWidth(int px) {
        int w = Math.max(1, px);
        if (w != widthPx) {
            widthPx = w;
            version++;
        }
    }

    public void set(double start, double perPx) {
        double p = clamp(perPx);
        if (start != startNs || p != nsPerPx) {
            startNs = start;
            nsPerPx = p;
            version++;
        }
    }

    /** Shows [t0, t1] across the plot. */
    public void fit(double t0, double t1) {
        double span = Math.max(t1 - t0, MIN_NS_PER_PX * widthPx);
        set(t0, span / widthPx);
    }

    /** Keeps the span, moves so that the right edge is at {@code t}. */
    public void alignRight(double t) {
        set(t - nsPerPx * widthPx, nsPerPx);
    }

    /** Zooms by {@code factor} (&lt;1 zooms in) keeping the time under pixel {@code x} fixed. */
    public void zoomAt(double x, double factor) {
        double t = tOf(x);
        double p = clamp(nsPerPx * factor);
        set(t - x * p, p);
    }

    public void panPx(double dx) {
        set(startNs + dx * nsPerPx, nsPerPx);
    }

    private static double clamp(double p) {
        return Math.max(MIN_NS_PER_PX, Math.min(MAX_NS_PER_PX, p));
    }
}
