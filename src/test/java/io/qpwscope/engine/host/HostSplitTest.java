package io.qpwscope.engine.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HostSplitTest {
    private static void assertSplit(HostSplit s, long wall, long kernel, long steal, long pause) {
        assertEquals(new HostSplit(wall, kernel, steal, pause), s);
        assertEquals(s.wallNs(), s.kernelNs() + s.stealNs() + s.pauseNs());
    }

    @Test
    void shouldSplitWallIntoRunWaitAndTheResidualAsPause() {
        assertSplit(HostSplit.of(1_000_000, 300_000, 500_000), 1_000_000, 300_000, 500_000, 200_000);
    }

    @Test
    void timeParkedByDesignIsTheModelsNotPause() {
        // 1 ms window: 100 µs on core, 50 µs on a run queue, 800 µs parked on purpose, 50 µs unexplained
        assertSplit(HostSplit.of(1_000_000, 100_000, 50_000, 800_000), 1_000_000, 900_000, 50_000, 50_000);
        // parked longer than the residual (the wake-up's run-queue wait is inside the park): no pause
        assertSplit(HostSplit.of(1_000_000, 100_000, 50_000, 870_000), 1_000_000, 950_000, 50_000, 0);
        // Δwait unknown (getrusage): off core but asleep is not steal
        assertSplit(HostSplit.of(1_000_000, 100_000, -1, 800_000), 1_000_000, 900_000, 100_000, 0);
    }

    @Test
    void aClockToldOfSleepsKeepsThemOutOfItsWindowsPause() {
        long[] t = {0};
        HostTimeReader r = new HostTimeReader() {
            @Override public boolean read(HostReading into) {
                into.set(t[0], t[0] / 10, 0, 1); // on core a tenth of the time, never waiting: the rest is off core
                return true;
            }
            @Override public long slices() { return 1; }
            @Override public HostSource source() { return HostSource.SCHEDSTAT; }
            @Override public void close() { }
        };
        HostClock c = new HostClock(r, 1_000_000);
        t[0] = 1_000_000;
        c.slept(900_000);
        assertSplit(c.sample(), 1_000_000, 1_000_000, 0, 0);
        t[0] = 2_000_000;
        assertSplit(c.sample(), 1_000_000, 100_000, 0, 900_000); // not told: a pause
        assertEquals(900_000, c.account().pauseNs());
    }

    @Test
    void shouldKeepAResidualWithinTwoMicrosecondsInKernel() {
        assertSplit(HostSplit.of(1_000_000, 698_000, 300_000), 1_000_000, 700_000, 300_000, 0);
        assertSplit(HostSplit.of(1_000_000, 697_999, 300_000), 1_000_000, 697_999, 300_000, 2_001);
    }

    @Test
    void shouldTrimStealWhenRunPlusWaitExceedWall() {
        assertSplit(HostSplit.of(1_000_000, 700_000, 400_000), 1_000_000, 700_000, 300_000, 0);
        assertSplit(HostSplit.of(1_000_000, 1_000_500, 0), 1_000_000, 1_000_000, 0, 0);
    }

    @Test
    void shouldClampNegativeDeltasAndWall() {
        assertSplit(HostSplit.of(-5, 10, 10), 0, 0, 0, 0);
        assertSplit(HostSplit.of(100_000, 100_000, -1), 100_000, 100_000, 0, 0);
    }

    @Test
    void shouldCountEverythingAsKernelWhenRunIsUnknown() {
        assertSplit(HostSplit.of(5_000_000, -1, -1), 5_000_000, 5_000_000, 0, 0);
    }

    @Test
    void shouldCountOffCoreTimeAsStealWhenWaitIsUnknown() {
        assertSplit(HostSplit.of(5_000_000, 1_000_000, -1), 5_000_000, 1_000_000, 4_000_000, 0);
    }

    @Test
    void shouldSplitBetweenTwoReadings() {
        HostReading a = new HostReading(), b = new HostReading();
        a.set(1_000, 50_000, 7_000, 3);
        b.set(1_001_000, 450_000, 507_000, 5);
        assertSplit(HostSplit.between(a, b), 1_000_000, 400_000, 500_000, 100_000);
        b.set(1_001_000, HostReading.UNKNOWN, HostReading.UNKNOWN, HostReading.UNKNOWN);
        assertSplit(HostSplit.between(a, b), 1_000_000, 1_000_000, 0, 0);
    }

    @Test
    void shouldRefuseAValueThatIsNotASplit() {
        assertThrows(IllegalArgumentException.class, () -> new HostSplit(10, 5, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new HostSplit(10, 15, -5, 0));
    }

    @Test
    void shouldAccumulateSplitsIntoPerCpuTotals() {
        HostAccount acc = new HostAccount();
        acc.add(HostSplit.of(1_000_000, 300_000, 500_000));
        acc.add(HostSplit.of(2_000_000, 1_900_000, 100_000));
        assertEquals(2, acc.intervals());
        assertEquals(new HostSplit(3_000_000, 2_200_000, 600_000, 200_000), acc.total());
        assertEquals(500_000, acc.stealMaxNs());
    }
}
