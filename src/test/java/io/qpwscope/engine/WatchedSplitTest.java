package io.qpwscope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** {@link Cpu#splitWatched}: how a watched window's host share follows from the guest's view and the gaps. */
class WatchedSplitTest {

    @Test
    void shouldCountWhatTheGapsAddBeyondWhatTheGuestSawAsSteal() throws Exception {
        // 100 µs window, one 60 µs gap and one 40 µs stretch of code, schedstat saw nothing: 58 µs
        // unseen steal (2 µs, the most a stretch of code is taken to be, left to the kernel)
        assertArrayEquals(new long[] {58_000, 0}, Cpu.splitWatched(100_000, 0, 0, 60_000, 1, 2));
    }

    @Test
    void shouldLeaveEachGapWhatTheCodeBetweenTwoReadsTookElsewhereInTheWindow() throws Exception {
        // a modelled cost burnt as 1,000 reads 40 ns apart, and 20 gaps of 30 µs: each gap keeps 40 ns
        assertArrayEquals(new long[] {600_000 - 20 * 40, 0}, Cpu.splitWatched(640_000, 0, 0, 600_000, 20, 1_020));
    }

    @Test
    void shouldNotCountAGapTheGuestSawTwice() throws Exception {
        // a 60 µs gap that schedstat saw as 50 µs run-queue wait + 10 µs pause: 60 µs host, not 118
        assertArrayEquals(new long[] {50_000, 10_000}, Cpu.splitWatched(100_000, 50_000, 10_000, 60_000, 1, 2));
    }

    @Test
    void shouldKeepTheProgressSeenBetweenReadsAsKernelWhateverTheSchedulerClockSays() throws Exception {
        // schedstat claims the whole 297 µs window as wait (its clock skews against nanoTime), but the
        // thread was seen making progress for 7 µs between reads: those stay kernel
        assertArrayEquals(new long[] {290_000, 0}, Cpu.splitWatched(297_000, 297_000, 0, 290_000, 1, 40));
        // no gap at all: nothing is the host's
        assertArrayEquals(new long[] {0, 0}, Cpu.splitWatched(40_000, 30_000, 5_000, 0, 0, 30));
    }
}
