package io.qpwscope.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap of a median: resample the observations with replacement, take each
 * resample's median, and report the 2.5th and 97.5th percentiles of those medians. The
 * random stream is seeded, so the same samples always give the same interval.
 *
 * <p>The median (not the mean) because a shared machine's outliers are one-sided: a
 * repetition that lost its core for a few ms is slow, never fast. The sample median always
 * lies inside its own percentile interval: at least half of all resample medians are at or
 * below it and at least half at or above it.
 */
public final class Bootstrap {
    /** Resamples per interval: enough for stable 2.5 % / 97.5 % tails. */
    public static final int RESAMPLES = 10_000;
    /** Fixed seed: the interval is a function of the samples only. */
    public static final long SEED = 0x5EED_0B0075L;

    private Bootstrap() {}

    /** A point estimate with its 95 % interval. */
    public record Interval(double estimate, double low, double high) {
        public double width() {
            return high - low;
        }

        public boolean contains(double x) {
            return low <= x && x <= high;
        }
    }

    /** The sample median with its 95 % percentile-bootstrap interval (seeded with {@link #SEED}). */
    public static Interval median(double[] samples) {
        return median(samples, SEED, RESAMPLES);
    }

    public static Interval median(double[] samples, long seed, int resamples) {
        if (samples.length == 0) throw new IllegalArgumentException("no samples");
        double point = medianOf(samples.clone());
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = samples.length;
        double[] draw = new double[n];
        double[] medians = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) draw[i] = samples[rnd.nextInt(n)];
            medians[b] = medianOf(draw);
        }
        Arrays.sort(medians);
        int lo = (int) Math.floor(0.025 * resamples);
        int hi = (int) Math.ceil(0.975 * resamples) - 1;
        return new Interval(point, medians[lo], medians[hi]);
    }

    /**
     * Paired ratio: per repetition r, {@code variant[r] / base[r]} (both measured back to back
     * in the same repetition), then the median of those ratios with its bootstrap interval —
     * resampling whole repetitions, so drift common to a pair cancels.
     */
    public static Interval pairedRatio(double[] base, double[] variant) {
        if (base.length != variant.length) throw new IllegalArgumentException("unpaired samples");
        double[] r = new double[base.length];
        for (int i = 0; i < r.length; i++) r[i] = variant[i] / base[i];
        return median(r);
    }

    /** Median; sorts {@code xs} in place. */
    public static double medianOf(double[] xs) {
        Arrays.sort(xs);
        int n = xs.length;
        return (n & 1) == 1 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
    }
}
