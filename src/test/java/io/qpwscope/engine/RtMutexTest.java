package io.qpwscope.engine;

import io.qpwscope.engine.kernel.KernelBoot;
import io.qpwscope.engine.qpw.PiChainException;
import io.qpwscope.engine.qpw.QpwLock;
import io.qpwscope.engine.qpw.RtSpinlock;
import io.qpwscope.trace.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PREEMPT_RT's sleeping spinlock ({@link RtSpinlock}): CPU objects of a benchmark machine,
 * each driven by one test thread; priorities set by pushing a context as the engine does.
 */
class RtMutexTest {
    private static final int FIFO_50 = CpuContexts.kernelPrio(true, 50);

    private static Machine machine(boolean rt, int cpus) {
        return Machine.forBenchmark(KernelBoot.resolve(true, false, rt, "qpw=1", cpus), cpus);
    }

    private static void await(BooleanSupplier cond, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(1);
        }
    }

    /** A thread acting as one CPU; its failure is kept for the test to rethrow. */
    private static Thread cpuThread(String name, AtomicReference<Throwable> failure, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) throws InterruptedException {
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(t.isAlive(), t.getName() + " did not finish (deadlock?)");
    }

    @Test
    @Timeout(60)
    void mutualExclusionHoldsWhileWaitersSpinAndBlockAndNoIncrementIsLost() throws Exception {
        Machine m = machine(true, 4);
        RtSpinlock l = new RtSpinlock("stress");
        long[] counter = {0};
        AtomicLong blocks = new AtomicLong(), spins = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int perCpu = 20_000;
        List<Thread> ts = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Cpu cpu = m.cpu(c);
            ts.add(cpuThread("cpu/" + c, failure, () -> {
                for (int i = 0; i < perCpu; i++) {
                    RtSpinlock.Wait w = l.lock(cpu);
                    if (w.blockedNs() > 0) blocks.incrementAndGet();
                    else if (w.spunNs() > 0) spins.incrementAndGet();
                    long v = counter[0];
                    if ((i & 63) == 0) {
                        cpu.contexts().setBlocked(true); // the holder is switched out: waiters must sleep
                        Thread.yield();
                        cpu.contexts().setBlocked(false);
                    }
                    counter[0] = v + 1;
                    l.unlock(cpu);
                }
            }));
        }
        for (Thread t : ts) join(t);
        if (failure.get() != null) throw new AssertionError(failure.get());
        assertEquals(4L * perCpu, counter[0], "an increment was lost: two holders at once");
        assertEquals(-1, l.owner());
        assertEquals(0, l.waiters());
        assertTrue(blocks.get() + spins.get() > 0, "the stress never contended");
        for (int c = 0; c < 4; c++) assertEquals(0, m.cpu(c).contexts().heldCount());
    }

    @Test
    @Timeout(60)
    void aMoreUrgentWaiterBoostsTheOwnerUntilItUnlocks() throws Exception {
        Machine m = machine(true, 2);
        Cpu low = m.cpu(0), high = m.cpu(1);
        RtSpinlock l = new RtSpinlock("pi");
        assertFalse(l.lock(low).contended());
        assertEquals(CpuContexts.PRIO_NORMAL, low.contexts().effectivePrio(0));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch got = new CountDownLatch(1);
        Thread waiter = cpuThread("cpu/1", failure, () -> {
            high.contexts().push(FIFO_50, 1);
            l.lock(high);
            got.countDown();
            l.unlock(high);
            high.contexts().pop();
        });
        await(() -> low.contexts().effectivePrio(0) == FIFO_50, "the boost");
        assertEquals(1, got.getCount(), "the waiter got a held lock");
        low.reportBoost(0);
        assertEquals(1, low.counters().get(CpuCounters.PI_BOOSTS));
        int after = l.unlock(low);
        assertEquals(CpuContexts.PRIO_NORMAL, after, "unlock gives the boost back");
        assertEquals(CpuContexts.PRIO_NORMAL, low.contexts().effectivePrio(0));
        assertTrue(got.await(20, TimeUnit.SECONDS));
        join(waiter);
        if (failure.get() != null) throw new AssertionError(failure.get());
    }

    @Test
    @Timeout(60)
    void aBoostGoesThroughAnOwnerThatWaitsOnASecondLock() throws Exception {
        Machine m = machine(true, 3);
        Cpu c0 = m.cpu(0), c1 = m.cpu(1), c2 = m.cpu(2);
        RtSpinlock l1 = new RtSpinlock("l1"), l2 = new RtSpinlock("l2");
        l2.lock(c0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch c1HoldsL1 = new CountDownLatch(1);
        Thread t1 = cpuThread("cpu/1", failure, () -> {
            l1.lock(c1);
            c1HoldsL1.countDown();
            l2.lock(c1); // waits: c0 holds it
            l2.unlock(c1);
            l1.unlock(c1);
        });
        assertTrue(c1HoldsL1.await(20, TimeUnit.SECONDS));
        await(() -> l2.waiters() == 1, "cpu1 queued on l2");
        Thread t2 = cpuThread("cpu/2", failure, () -> {
            c2.contexts().push(FIFO_50, 1);
            l1.lock(c2);
            l1.unlock(c2);
            c2.contexts().pop();
        });
        await(() -> c0.contexts().effectivePrio(0) == FIFO_50, "the boost of cpu0 through cpu1");
        assertEquals(FIFO_50, c1.contexts().effectivePrio(0), "cpu1, the middle owner, is boosted too");
        assertEquals(CpuContexts.PRIO_NORMAL, l2.unlock(c0));
        join(t1);
        join(t2);
        if (failure.get() != null) throw new AssertionError(failure.get());
        assertEquals(CpuContexts.PRIO_NORMAL, c1.contexts().effectivePrio(0), "cpu1 unboosted after its unlocks");
    }

    @Test
    @Timeout(60)
    void aChainThroughThreeLocksFailsWithAClearError() throws Exception {
        Machine m = machine(true, 4);
        Cpu c0 = m.cpu(0), c1 = m.cpu(1), c2 = m.cpu(2), c3 = m.cpu(3);
        RtSpinlock l1 = new RtSpinlock("l1"), l2 = new RtSpinlock("l2"), l3 = new RtSpinlock("l3");
        l3.lock(c0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch held = new CountDownLatch(2);
        Thread t1 = cpuThread("cpu/1", failure, () -> {
            l2.lock(c1);
            held.countDown();
            l3.lock(c1);
            l3.unlock(c1);
            l2.unlock(c1);
        });
        await(() -> l3.waiters() == 1, "cpu1 queued on l3");
        Thread t2 = cpuThread("cpu/2", failure, () -> {
            l1.lock(c2);
            held.countDown();
            l2.lock(c2);
            l2.unlock(c2);
            l1.unlock(c2);
        });
        assertTrue(held.await(20, TimeUnit.SECONDS));
        await(() -> l2.waiters() == 1, "cpu2 queued on l2");
        AtomicReference<Throwable> deep = new AtomicReference<>();
        Thread t3 = cpuThread("cpu/3", deep, () -> l1.lock(c3));
        join(t3);
        assertInstanceOf(PiChainException.class, deep.get());
        String msg = deep.get().getMessage();
        assertTrue(msg.contains("l1") && msg.contains("l2") && msg.contains("l3") && msg.contains("2 locks"), msg);
        assertEquals(0, l1.waiters(), "the failed waiter left l1's queue");
        assertEquals(2, l1.owner());
        assertEquals(0, c3.contexts().heldCount());
        l3.unlock(c0);
        join(t1);
        join(t2);
        assertNull(failure.get());
    }

    @Test
    void irqsaveOnRtLeavesInterruptsOnAndDisablesMigrationNotPreemption() {
        Machine m = machine(true, 2);
        Cpu c0 = m.cpu(0);
        QpwLock l = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 2);
        boolean flags = m.qpw.qpw_lock_irqsave(c0, l, 1);
        assertFalse(c0.irqsDisabled(), "spin_lock_irqsave on RT does not disable hard interrupts");
        assertEquals(0, c0.preemptCount(), "the holder stays preemptible");
        assertEquals(1, c0.migrateDisabledCount());
        assertEquals(0, l.rtSpinlock(1).owner(), "cpu0 holds cpu1's rt_mutex");
        assertEquals(-1, l.spinlock(1).owner(), "not the spinning lock");
        m.qpw.qpw_unlock_irqrestore(c0, l, flags, 1);
        assertFalse(c0.irqsDisabled());
        assertEquals(0, c0.migrateDisabledCount());
        assertEquals(-1, l.rtSpinlock(1).owner());
    }

    @Test
    void nonRtKernelsKeepTheSpinningLockAndDisableInterrupts() {
        Machine m = machine(false, 2);
        Cpu c0 = m.cpu(0);
        QpwLock l = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 2);
        boolean flags = m.qpw.qpw_lock_irqsave(c0, l, 1);
        assertTrue(c0.irqsDisabled());
        assertEquals(1, c0.preemptCount());
        assertEquals(0, l.spinlock(1).owner());
        assertEquals(-1, l.rtSpinlock(1).owner());
        m.qpw.qpw_unlock_irqrestore(c0, l, flags, 1);
        assertEquals(0, c0.counters().get(CpuCounters.LOCK_BLOCKS));
    }

    @Test
    void localLockOnRtIsTheCpusOwnSleepingLock() {
        Machine m = machine(true, 2);
        Cpu c1 = m.cpu(1);
        QpwLock l = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 2);
        m.qpw.local_lock(c1, l);
        assertEquals(1, l.rtSpinlock(1).owner());
        assertEquals(0, c1.preemptCount());
        m.qpw.qpw_lockdep_assert_held(c1, l);
        m.qpw.local_unlock(c1, l);
        assertEquals(-1, l.rtSpinlock(1).owner());
    }
}
