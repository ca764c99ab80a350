package io.qpwscope.engine.qpw;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerCpuSpinlockStressTest {
    @Test
    @Timeout(60)
    void neverTwoHoldersAndNoIncrementLost() throws Exception {
        PerCpuSpinlock lock = new PerCpuSpinlock();
        int threads = 4, rounds = 200_000;
        long[] counter = {0};
        AtomicBoolean overlap = new AtomicBoolean();
        int[] inside = {0};
        Thread[] ts = new Thread[threads];
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            final int cpu = t;
            ts[t] = Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < rounds; i++) {
                    boolean mine = (i & 7) == 0 ? lock.tryLock(cpu) : lock.lock(cpu) >= 0;
                    if (!mine) continue;
                    if (++inside[0] != 1) overlap.set(true); // plain fields: the lock must order them
                    if (lock.owner() != cpu) overlap.set(true);
                    counter[0]++;
                    inside[0]--;
                    lock.unlock(cpu);
                }
            });
        }
        go.countDown();
        for (Thread t : ts) t.join();
        assertFalse(overlap.get(), "two CPUs inside the critical section at once");
        assertTrue(counter[0] > (long) threads * rounds * 7 / 8, "every lock() got in");
        assertEquals(-1, lock.owner());
        assertTrue(lock.tryLock(0), "free after all released");
    }

    @Test
    @Timeout(60)
    void aRemoteWaiterIsServedAtTheNextReleaseEvenAgainstATightLocalLoop() throws Exception {
        PerCpuSpinlock lock = new PerCpuSpinlock();
        AtomicBoolean remoteDone = new AtomicBoolean();
        long[] reacquiredWhileWaited = {0};
        Thread owner = Thread.ofPlatform().start(() -> {
            while (!remoteDone.get()) {
                lock.lock(3);
                if (lock.waiters() > 0) reacquiredWhileWaited[0]++;
                lock.unlock(3);
            }
        });
        for (int i = 0; i < 200; i++) {
            lock.lock(0); // the remote CPU (qpw=1 drain) queues behind the owner's loop
            lock.unlock(0);
        }
        remoteDone.set(true);
        owner.join();
        // FIFO tickets: once cpu0 waits, cpu3 can finish at most the hold it is in. An unfair
        // test-and-set lock lets the owner re-take it thousands of times (the starvation that
        // made remote drains wait for hundreds of ms).
        assertTrue(reacquiredWhileWaited[0] <= 200, "owner re-acquired " + reacquiredWhileWaited[0]
                + " times while cpu0 waited, over 200 remote acquisitions");
    }
}
