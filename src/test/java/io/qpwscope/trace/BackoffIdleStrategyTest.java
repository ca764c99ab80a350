package io.qpwscope.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qpwscope.trace.BackoffIdleStrategy.Phase;
import org.junit.jupiter.api.Test;

class BackoffIdleStrategyTest {
    @Test
    void shouldSpinThenYieldThenParkWithDoublingCappedBackOff() {
        BackoffIdleStrategy idle = new BackoffIdleStrategy(3, 2, 1_000, 4_000);
        assertEquals(Phase.NOT_IDLE, idle.phase());
        for (int k = 0; k < 3; k++) {
            idle.idle(0);
            assertEquals(Phase.SPINNING, idle.phase());
        }
        for (int k = 0; k < 2; k++) {
            idle.idle(0);
            assertEquals(Phase.YIELDING, idle.phase());
        }
        assertEquals(0, idle.parks());
        long[] expectedNext = {2_000, 4_000, 4_000};
        for (long next : expectedNext) {
            idle.idle(0);
            assertEquals(Phase.PARKING, idle.phase());
            assertEquals(next, idle.nextParkNanos());
        }
        assertEquals(3, idle.parks());
    }

    @Test
    void shouldStartOverAfterWork() {
        BackoffIdleStrategy idle = new BackoffIdleStrategy(0, 0, 1_000, 8_000);
        idle.idle(0);
        idle.idle(0);
        assertEquals(Phase.PARKING, idle.phase());
        idle.idle(5);
        assertEquals(Phase.NOT_IDLE, idle.phase());
        assertEquals(1_000, idle.nextParkNanos());
    }

    @Test
    void shouldRejectAParkRangeThatShrinks() {
        assertThrows(IllegalArgumentException.class, () -> new BackoffIdleStrategy(1, 1, 5_000, 1_000));
    }
}
