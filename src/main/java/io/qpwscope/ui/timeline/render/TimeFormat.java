package io.qpwscope.ui.timeline.render;

import java.util.Locale;

/** Human time labels in ns / µs / ms / s, as a kernel engineer reads them. */
public final class TimeFormat {
    private TimeFormat() {}

    /** A duration with three significant digits: "850 ns", "12.3 µs", "1.25 ms", "2.00 s". */
    public static String duration(long ns) {
        long a = Math.abs(ns);
        if (a < 1_000) return ns + " ns";
        if (a < 1_000_000) return sig3(ns / 1e3) + " µs";
        if (a < 1_000_000_000) return sig3(ns / 1e6) + " ms";
        return sig3(ns / 1e9) + " s";
    }

    /** Like {@link #duration(long)} for a fractional ns value. */
    public static String duration(double ns) {
        if (Math.abs(ns) < 10 && ns != Math.rint(ns)) return String.format(Locale.ROOT, "%.2f ns", ns);
        return duration(Math.round(ns));
    }

    private static String sig3(double v) {
        double a = Math.abs(v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /**
     * A ruler tick label: the value in {@code unitNs} (1, 1e3, 1e6 or 1e9) with as many
     * decimals as the tick step needs ("1.5 µs", "120 ms", "3.250 s", "2.000001500 s").
     */
    public static String tick(long ns, long step, long unitNs) {
        int decimals = 0;
        for (long u = unitNs; u > step && decimals < 9; u /= 10) decimals++;
        String unit = unitNs == 1 ? " ns" : unitNs == 1_000 ? " µs" : unitNs == 1_000_000 ? " ms" : " s";
        return String.format(Locale.ROOT, "%." + decimals + "f", ns / (double) unitNs) + unit;
    }

    /** The unit (ns) a ruler uses for times up to {@code magnitude}: ns, µs, ms or s. */
    public static long unitFor(double magnitude) {
        if (magnitude < 1e3) return 1;
        if (magnitude < 1e6) return 1_000;
        if (magnitude < 1e9) return 1_000_000;
        return 1_000_000_000;
    }

    /** A rate per second: "12.3 k/s", "4.50 M/s". */
    public static String rate(double perSecond) {
        if (perSecond < 1_000) return String.format(Locale.ROOT, "%.0f/s", perSecond);
        if (perSecond < 1_000_000) return String.format(Locale.ROOT, "%.1f k/s", perSecond / 1e3);
        return String.format(Locale.ROOT, "%.2f M/s", perSecond / 1e6);
    }

    /** A count with thousands separators. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** An absolute time since the recording origin with ns resolution: "1.234 567 890 s". */
    public static String absolute(long ns) {
        long sec = ns / 1_000_000_000L;
        long frac = Math.abs(ns % 1_000_000_000L);
        return String.format(Locale.ROOT, "%d.%03d %03d %03d s", sec, frac / 1_000_000, frac / 1_000 % 1_000, frac % 1_000);
    }
}
