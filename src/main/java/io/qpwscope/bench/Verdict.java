package io.qpwscope.bench;

import io.qpwscope.stats.Bootstrap;

/**
 * How a measured ratio's 95 % interval stands against the seed's ratio (cycles on a real
 * kernel, v3 cover letter).
 *
 * <ul>
 *   <li>{@code contradicts}: the interval excludes the seed's ratio.</li>
 *   <li>{@code inconclusive}: it contains the seed's ratio but is wider than
 *       {@value #MAX_WIDTH} (ratio units): too wide to tell the seed's few-% differences
 *       (62 vs 60 cycles is 1.03x) from none.</li>
 *   <li>{@code reproduces}: it contains the seed's ratio and is at most that wide.</li>
 * </ul>
 */
public enum Verdict {
    REPRODUCES, CONTRADICTS, INCONCLUSIVE;

    /** Widest interval that still decides: +-5 %, the project's "qpw=0 within 5 %" resolution. */
    public static final double MAX_WIDTH = 0.10;

    public static Verdict of(Bootstrap.Interval ratio, double seedRatio) {
        if (!ratio.contains(seedRatio)) return CONTRADICTS;
        return ratio.width() > MAX_WIDTH ? INCONCLUSIVE : REPRODUCES;
    }

    /** As printed and in JSON: lower case. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
