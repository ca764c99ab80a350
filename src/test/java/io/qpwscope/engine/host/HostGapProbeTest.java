package io.qpwscope.engine.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class HostGapProbeTest {

    @Test
    void shouldCountStretchesLongerThanTheThresholdIntoTheirBuckets() {
        // reads 1 µs apart, with stretches of 6, 30, 150 and 2,000 µs, and one of exactly 5 µs (not a gap)
        long[] ts = {0, 1_000, 7_000, 8_000, 38_000, 39_000, 189_000, 190_000, 2_190_000, 2_195_000, 2_196_000, 3_000_000};
        PrimitiveIterator.OfLong it = LongStream.of(ts).iterator();
        HostGapProbe.Result r = HostGapProbe.loop(it::nextLong, 2_500_000);
        assertEquals(5, r.gaps(), "6, 30, 150, 2000 and 804 µs; 5 µs is not over the threshold");
        assertArrayEquals(new long[] {1, 0, 1, 0, 1, 1, 1}, r.histogram(), Arrays.toString(r.histogram()));
        assertEquals(6_000 + 30_000 + 150_000 + 2_000_000 + 804_000, r.gapTotalNs());
        assertEquals(2_000_000, r.gapMaxNs());
        assertEquals(3_000_000, r.wallNs());
    }

    @Test
    void shouldReportWhatTheGuestSawAndNoMoreGapTimeThanWall() {
        HostGapProbe.Result r = HostGapProbe.run(50_000_000);
        assertTrue(r.wallNs() >= 50_000_000, "ran its time: " + r.wallNs());
        assertTrue(r.gapTotalNs() <= r.wallNs(), "gaps fit in the wall time");
        assertEquals(r.gaps(), Arrays.stream(r.histogram()).sum(), "every gap is in one bucket");
        assertTrue(r.unseenNs() <= r.gapTotalNs());
        if (r.guest() != null) assertEquals(r.guest().wallNs(), r.guest().kernelNs() + r.guest().stealNs() + r.guest().pauseNs());
    }
}
