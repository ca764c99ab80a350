package io.qpwscope.bench;

import io.qpwscope.stats.Bootstrap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows from synthetic samples: each variant divided by its own kernel's unpatched, per repetition. */
class KmallocBenchRowsTest {

    @Test
    void shouldDivideEachVariantByItsOwnKernelsUnpatchedRepetitionByRepetition() {
        int reps = 9, n = KmallocBench.VARIANTS.size();
        double[] factor = {1.0, 1.03, 62 / 60.0, 1.44, 1.0, 0.98, 0.98};
        double[][] ns = new double[n][reps];
        for (int r = 0; r < reps; r++) {
            double drift = 1 + 0.1 * r; // the machine slows down as the run goes on
            for (int v = 0; v < n; v++) ns[v][r] = (v < 4 ? 7.0 : 10.0) * factor[v] * drift;
        }
        List<KmallocBench.Row> rows = KmallocBench.rows(ns);
        assertEquals(n, rows.size());
        for (int v = 0; v < n; v++) {
            KmallocBench.Row row = rows.get(v);
            assertEquals(factor[v], row.ratio().estimate(), 1e-9, row.variant().label());
            assertTrue(row.ratio().contains(row.ratio().estimate()));
        }
        assertTrue(rows.get(0).baseline() && rows.get(4).baseline());
        assertEquals(Verdict.CONTRADICTS, rows.get(3).verdict(), "1.44x exactly, against the seed's 1.25x");
        assertEquals(Verdict.REPRODUCES, rows.get(2).verdict(), "exactly the seed's 62/60");
        assertEquals(Verdict.CONTRADICTS, rows.get(1).verdict(), "1.03x exactly, but the seed's 62/60 is 1.033x");
        assertEquals(75 / 60.0, rows.get(3).seedRatio(), 1e-12);
    }
}
