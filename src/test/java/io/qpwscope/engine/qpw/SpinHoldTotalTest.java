package io.qpwscope.engine.qpw;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A waiter that took the lock sees, in the hold total, every hold that ended while it spun. */
class SpinHoldTotalTest {
    @Test
    @Timeout(20)
    void aWaiterSeesTheHoldsItWaitedBehind() throws Exception {
        PerCpuSpinlock l = new PerCpuSpinlock();
        long[] seen = new long[2];
        CountDownLatch spinning = new CountDownLatch(1);
        SpinWatch watch = new SpinWatch() {
            @Override public void spinStart(int holder, long heldNs) {
                seen[0] = heldNs;
                spinning.countDown();
            }
            @Override public void spinHolder(int holder) { }
            @Override public void spinEnd(long waitedNs, long heldNs) { seen[1] = heldNs; }
        };
        l.lock(0);
        l.addHeld(1_000); // an earlier hold
        l.unlock(0);
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().start(() -> {
            l.lock(0);
            held.countDown();
            try {
                // hold until the waiter spins (a fixed hold could end before a descheduled waiter arrives)
                spinning.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            l.addHeld(7_000_000); // what the holder reports for this hold
            l.unlock(0);
        });
        held.await();
        long waited = l.lock(1, watch);
        holder.join();
        assertEquals(0, spinning.getCount(), "the waiter spun");
        assertTrue(waited > 0, "and reported its wait");
        assertEquals(1_000, seen[0], "at the spin's start: the holds that had ended");
        assertEquals(7_000_000, seen[1] - seen[0], "at its end: plus the hold it waited behind");
        l.unlock(1);
    }
}
