package io.qpwscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qpwscope.engine.host.GapSplit;
import io.qpwscope.engine.host.HostClock;
import io.qpwscope.engine.host.HostReading;
import io.qpwscope.engine.host.HostSource;
import io.qpwscope.engine.host.HostSplit;
import io.qpwscope.engine.host.HostTime;
import io.qpwscope.engine.host.HostTimeReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real measurements of host steal and pause on this machine, with threads pinned by
 * {@link Affinity} (package-private, hence this package). Only ratios are asserted, with
 * generous bounds; every split must add up exactly.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostStealMeasurementTest {
    private static final long BUSY_NS = 200_000_000;
    private static final int CORE = 0;
    /**
     * Run-queue wait is measured on the scheduler's clock, gap edges on nanoTime. On a VM with
     * an unstable TSC (this one) the scheduler clock is filtered per tick and the two disagree
     * by up to ~10 µs over a switch: the exactness claim is checked within this skew.
     */
    private static final long CLOCK_SKEW_NS = 25_000;

    @BeforeAll
    static void needsSchedstatAndAffinity() {
        assumeTrue(HostTime.system().source() == HostSource.SCHEDSTAT, "schedstat not available");
        assumeTrue(Affinity.available(), "sched_setaffinity not available");
    }

    /** Runs {@code body} on fresh platform threads, each pinned to {@link #CORE}, started together. */
    private static <T> List<T> pinnedTogether(int threads, Supplier<T> body) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<CompletableFuture<T>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            CompletableFuture<T> f = new CompletableFuture<>();
            results.add(f);
            Thread.ofPlatform().name("steal-test-" + i).daemon(true).start(() -> {
                try {
                    assertTrue(Affinity.pinCurrentThread(CORE), "pinned and read back");
                    assertEquals(1L << CORE, Affinity.currentMask());
                    start.await(30, TimeUnit.SECONDS);
                    f.complete(body.get());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
        }
        List<T> out = new ArrayList<>();
        for (CompletableFuture<T> f : results) out.add(f.get(90, TimeUnit.SECONDS));
        return out;
    }

    /** Spins for {@link #BUSY_NS} of wall time; @return the split of that interval. */
    private static HostSplit busy() {
        try (HostTimeReader r = HostTime.system().openCurrentThread()) {
            HostReading a = new HostReading(), b = new HostReading();
            assertTrue(r.read(a));
            long end = a.wallNs() + BUSY_NS;
            while (System.nanoTime() < end) Thread.onSpinWait();
            assertTrue(r.read(b));
            return HostSplit.between(a, b);
        }
    }

    private static double hostRatio(HostSplit s) {
        return (double) s.hostNs() / s.wallNs();
    }

    @Test
    void shouldMeasureSubstantialStealForTwoBusyThreadsSharingOneCore() throws Exception {
        List<HostSplit> pair = pinnedTogether(2, HostStealMeasurementTest::busy);
        for (HostSplit s : pair) {
            assertEquals(s.wallNs(), s.kernelNs() + s.stealNs() + s.pauseNs());
            assertTrue(s.wallNs() >= BUSY_NS, s.toString());
            // steal + pause: on a VM whose scheduler clock loses hypervisor steal (this one) part of
            // the wait shows as pause, never as kernel; see the package documentation
            assertTrue(hostRatio(s) > 0.20, "each is off core while the other runs: " + s);
        }
        // One core, both always runnable: together they cannot have run longer than the wall.
        long maxWall = Math.max(pair.get(0).wallNs(), pair.get(1).wallNs());
        assertTrue(pair.get(0).kernelNs() + pair.get(1).kernelNs() <= maxWall * 1.02, pair.toString());
    }

    @Test
    void shouldMeasureLessStealForAThreadAloneThanForAPairOnTheSameCore() throws Exception {
        // Background load is whatever else runs on the core; adding a competitor can only raise
        // each thread's share of waiting, so compare rather than assert an absolute figure.
        HostSplit alone = pinnedTogether(1, HostStealMeasurementTest::busy).getFirst();
        assertEquals(alone.wallNs(), alone.kernelNs() + alone.stealNs() + alone.pauseNs());
        // The comparison needs a core that is not already crowded: with other busy threads on it
        // (a loaded host; seen: alone 0.89 vs pair 0.88 at load 8 on 2 cores) one more competitor
        // changes the share less than the background's own swings from one measurement to the next.
        assumeTrue(hostRatio(alone) < 0.3, "core " + CORE + " is busy with other work: " + alone);
        List<HostSplit> pair = pinnedTogether(2, HostStealMeasurementTest::busy);
        double pairRatio = Math.min(hostRatio(pair.get(0)), hostRatio(pair.get(1)));
        assertTrue(hostRatio(alone) < pairRatio, "alone " + alone + " vs pair " + pair);
    }

    @Test
    void shouldCountASleepInsideTheIntervalAsPause() throws Exception {
        HostSplit s = pinnedTogether(1, () -> {
            try (HostTimeReader r = HostTime.system().openCurrentThread()) {
                HostReading a = new HostReading(), b = new HostReading();
                r.read(a);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                r.read(b);
                return HostSplit.between(a, b);
            }
        }).getFirst();
        assertEquals(s.wallNs(), s.kernelNs() + s.stealNs() + s.pauseNs());
        assertTrue(s.pauseNs() >= 40_000_000, "the 50 ms sleep is pause: " + s);
    }

    /**
     * A loop that notices gaps only after they ended, sharing one core with a busy thread:
     * each gap's split is bounded by its window, and where the thread was switched in at most
     * once over the window (exact), all the window's off-core time lies inside the gap.
     */
    @Test
    void shouldBoundTheStealOfADetectedGapByTheStealSinceTheLastSample() throws Exception {
        long threshold = 50_000;
        List<GapSplit> gaps = new ArrayList<>();
        List<HostSplit> windows = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        pinnedTogether(2, () -> {
            if (Thread.currentThread().getName().endsWith("1")) {
                while (!done.get()) Thread.onSpinWait();
                return null;
            }
            try (HostClock clock = HostClock.openCurrentThread(HostTime.system())) {
                long prev = System.nanoTime();
                long deadline = prev + 10 * BUSY_NS; // a bound for the test, not an assertion
                while (gaps.size() < 20 && prev < deadline) {
                    long now = System.nanoTime();
                    if (now - prev > threshold) {
                        gaps.add(clock.splitGap(prev, now));
                        windows.add(clock.lastWindow());
                    } else {
                        clock.sampleIfDue(now);
                    }
                    prev = System.nanoTime();
                }
                HostSplit total = clock.account().total();
                assertEquals(total.wallNs(), total.kernelNs() + total.stealNs() + total.pauseNs());
                return total;
            } finally {
                done.set(true);
            }
        });
        assertTrue(gaps.size() >= 3, "sharing a core, the loop sees gaps: " + gaps);
        int exact = 0;
        for (int i = 0; i < gaps.size(); i++) {
            GapSplit g = gaps.get(i);
            HostSplit w = windows.get(i);
            HostSplit s = g.split();
            assertEquals(s.wallNs(), s.kernelNs() + s.stealNs() + s.pauseNs());
            assertTrue(s.wallNs() <= g.windowNs() && g.windowNs() == w.wallNs(), g + " " + w);
            assertTrue(s.stealNs() <= w.stealNs() && s.pauseNs() <= w.pauseNs(), "bounded by window: " + g + " " + w);
            if (g.exact()) {
                exact++;
                assertTrue(g.switches() <= 1);
                assertTrue(w.stealNs() <= s.wallNs() + CLOCK_SKEW_NS,
                        "one wait at most, inside the gap: " + g + " " + w);
                assertTrue(w.stealNs() - s.stealNs() <= CLOCK_SKEW_NS,
                        "exact: the gap's steal is the window's: " + g + " " + w);
            }
        }
        assertTrue(exact >= 1, "some gaps had one switch in their window: " + gaps);
    }

    @Test
    void shouldSplitASleepTheLoopNoticedAfterItEndedAsPause() throws Exception {
        GapSplit g = pinnedTogether(1, () -> {
            try (HostClock clock = HostClock.openCurrentThread(HostTime.system())) {
                long t0 = System.nanoTime();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return clock.splitGap(t0, System.nanoTime());
            }
        }).getFirst();
        assertTrue(g.split().pauseNs() >= 40_000_000, g.toString());
        assertTrue(g.switches() >= 1, g.toString());
    }
}
