package io.qpwscope.bench;

import io.qpwscope.stats.Bootstrap;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's statistics on synthetic samples. */
class BootstrapTest {

    @Test
    void shouldContainItsOwnPointEstimateForAnySamples() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 3 + rnd.nextInt(40);
            double[] xs = new double[n];
            for (int i = 0; i < n; i++) {
                // skewed, with a one-sided outlier now and then, as on a shared machine
                xs[i] = 10 + rnd.nextDouble() * (rnd.nextInt(10) == 0 ? 50 : 1);
            }
            Bootstrap.Interval ci = Bootstrap.median(xs, trial, 2000);
            assertTrue(ci.low() <= ci.estimate() && ci.estimate() <= ci.high(), "trial " + trial + ": " + ci);
        }
    }

    @Test
    void shouldBeReproducibleForTheSameSamples() {
        double[] xs = {1.1, 1.3, 1.2, 1.25, 1.15, 1.4, 1.22, 1.18, 1.31};
        assertEquals(Bootstrap.median(xs), Bootstrap.median(xs.clone()));
    }

    @Test
    void shouldPairRepetitionsSoThatCommonDriftCancels() {
        // the machine slows down 3x over the run, but the variant is always exactly 1.25x its base
        int n = 21;
        double[] base = new double[n], variant = new double[n];
        for (int r = 0; r < n; r++) {
            base[r] = 7 * (1 + 2.0 * r / n);
            variant[r] = base[r] * 1.25;
        }
        Bootstrap.Interval ci = Bootstrap.pairedRatio(base, variant);
        assertEquals(1.25, ci.estimate(), 1e-12);
        assertEquals(1.25, ci.low(), 1e-12);
        assertEquals(1.25, ci.high(), 1e-12);
        // unpaired, the same drift would make the ratio of medians look like anything between
        // 1/3 and 3.75 depending on which repetitions are compared
        assertTrue(Bootstrap.median(variant).width() > 5, "drift shows in each variant alone");
    }

    @Test
    void shouldNarrowWithMoreRepetitions() {
        SplittableRandom rnd = new SplittableRandom(11);
        double[] few = new double[9], many = new double[301];
        for (int i = 0; i < few.length; i++) few[i] = 1 + rnd.nextGaussian() * 0.05;
        for (int i = 0; i < many.length; i++) many[i] = 1 + rnd.nextGaussian() * 0.05;
        assertTrue(Bootstrap.median(many).width() < Bootstrap.median(few).width());
    }

    @Test
    void shouldRejectUnpairedSamples() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.pairedRatio(new double[3], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.median(new double[0]));
    }

    @Test
    void shouldReproduceWhenANarrowIntervalHoldsTheSeed() {
        assertEquals(Verdict.REPRODUCES, Verdict.of(ratios(1.22, 1.25, 1.27, 1.24, 1.26, 1.23, 1.25), 1.25));
    }

    @Test
    void shouldContradictWhenTheIntervalExcludesTheSeed() {
        // the measured cost is 1.44x and tightly so: the seed's 1.25x is outside
        assertEquals(Verdict.CONTRADICTS, Verdict.of(ratios(1.42, 1.44, 1.45, 1.43, 1.46, 1.44, 1.44), 1.25));
        // or no cost at all, where the seed saw one
        assertEquals(Verdict.CONTRADICTS, Verdict.of(ratios(0.99, 1.0, 1.01, 1.0, 0.98, 1.02, 1.0), 1.25));
    }

    @Test
    void shouldBeInconclusiveWhenTheIntervalIsTooWideToTell() {
        // 0.85x .. 1.44x across repetitions (the five runs of the issue): holds the seed, and 1.0
        Bootstrap.Interval wide = ratios(0.85, 1.44, 0.93, 1.01, 0.88, 1.25, 1.3);
        assertTrue(wide.contains(1.25) && wide.contains(1.0));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(wide, 1.25));
    }

    @Test
    void shouldDecideOnlyWithinTheWidthLimit() {
        Bootstrap.Interval narrow = new Bootstrap.Interval(1.0, 0.96, 1.04);
        assertTrue(narrow.width() <= Verdict.MAX_WIDTH);
        assertEquals(Verdict.REPRODUCES, Verdict.of(narrow, 1.03));
        Bootstrap.Interval beyond = new Bootstrap.Interval(1.0, 0.96, 1.07);
        assertTrue(beyond.width() > Verdict.MAX_WIDTH);
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(beyond, 1.03));
        assertEquals("inconclusive", Verdict.INCONCLUSIVE.label());
    }

    private static Bootstrap.Interval ratios(double... perRepetition) {
        double[] base = new double[perRepetition.length];
        java.util.Arrays.fill(base, 10);
        double[] v = new double[perRepetition.length];
        for (int i = 0; i < v.length; i++) v[i] = 10 * perRepetition[i];
        return Bootstrap.pairedRatio(base, v);
    }
}
