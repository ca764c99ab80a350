package io.qpwscope.engine.qpw;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class PerCpuSpinlockStressTest {
    @Test
    @Timeout(300)
    void neverTwoHoldersAndNoIncrementLost() throws Exception {
        PerCpuSpinlock lock = new PerCpuSpinlock();
        // Four threads on a 2-core host: a ticket lock hands over only when the next ticket's thread
        // is on a core, so on a loaded host a round can cost a scheduler slice (~100 rounds/s per
        // thread at load 19; 200,000 rounds then never end). Each thread stops at its round count or
        // at the stress deadline, whichever comes first, and every acquisition it made is accounted.
        int threads = 4, rounds = 200_000;
        long stressNs = TimeUnit.SECONDS.toNanos(20);
        long[] counter = {0};
        AtomicBoolean overlap = new AtomicBoolean();
        int[] inside = {0};
        long[] acquired = new long[threads], locks = new long[threads], contended = new long[threads];
        Thread[] ts = new Thread[threads];
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            final int cpu = t;
            ts[t] = Thread.ofPlatform().daemon(true).name("spin-stress-" + t).start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long deadline = System.nanoTime() + stressNs;
                for (int i = 0; i < rounds && !Thread.currentThread().isInterrupted(); i++) {
                    if ((i & 255) == 0 && System.nanoTime() - deadline > 0) break;
                    boolean mine;
                    if ((i & 7) == 0) {
                        mine = lock.tryLock(cpu);
                    } else {
                        long spun = lock.lock(cpu);
                        locks[cpu]++;
                        if (spun > 0) contended[cpu]++;
                        mine = true;
                    }
                    if (!mine) continue;
                    acquired[cpu]++;
                    if (++inside[0] != 1) overlap.set(true); // plain fields: the lock must order them
                    if (lock.owner() != cpu) overlap.set(true);
                    counter[0]++;
                    inside[0]--;
                    lock.unlock(cpu);
                }
            });
        }
        go.countDown();
        joinOrStop(ts, 240);
        assertFalse(overlap.get(), "two CPUs inside the critical section at once");
        long all = 0, spins = 0;
        for (int t = 0; t < threads; t++) {
            all += acquired[t];
            spins += contended[t];
            assertTrue(locks[t] >= 200, "thread " + t + " took the lock only " + locks[t] + " times");
        }
        assertEquals(all, counter[0], "an increment was lost: two holders at once");
        assertTrue(spins > 0, "the stress never contended");
        assertEquals(-1, lock.owner());
        assertTrue(lock.tryLock(0), "free after all released");
    }

    /**
     * Joins {@code ts} within {@code seconds}; else interrupts them (a spinning waiter gives up at its
     * next yield) so that no thread keeps spinning into the tests that run after this one, and fails.
     */
    private static void joinOrStop(Thread[] ts, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Thread t : ts) t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        boolean alive = false;
        for (Thread t : ts) alive |= t.isAlive();
        if (!alive) return;
        for (Thread t : ts) t.interrupt();
        for (Thread t : ts) t.join(10_000);
        fail("the stress did not finish in " + seconds + " s");
    }

    @Test
    @Timeout(60)
    void aRemoteWaiterIsServedAtTheNextReleaseEvenAgainstATightLocalLoop() throws Exception {
        PerCpuSpinlock lock = new PerCpuSpinlock();
        AtomicBoolean remoteDone = new AtomicBoolean();
        long[] reacquiredWhileWaited = {0};
        Thread owner = Thread.ofPlatform().daemon(true).start(() -> {
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
