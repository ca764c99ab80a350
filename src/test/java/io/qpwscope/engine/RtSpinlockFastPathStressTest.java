package io.qpwscope.engine;

import io.qpwscope.engine.kernel.KernelBoot;
import io.qpwscope.engine.qpw.QpwLock;
import io.qpwscope.engine.qpw.RtSpinlock;
import io.qpwscope.trace.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PREEMPT_RT's rt_mutex with its owner-word fast path, through qpw_lock/qpw_unlock
 * (RtLocking): the CPUs of a benchmark machine, one thread each, at mixed priorities.
 */
class RtSpinlockFastPathStressTest {
    private static final int CPUS = 4;
    /** Each CPU's context: normal, then SCHED_FIFO 10, 50 and 90. */
    private static final int[] PRIOS = {CpuContexts.PRIO_NORMAL, CpuContexts.kernelPrio(true, 10),
            CpuContexts.kernelPrio(true, 50), CpuContexts.kernelPrio(true, 90)};

    private static Machine rtMachine() {
        return Machine.forBenchmark(KernelBoot.resolve(true, false, true, "qpw=1", CPUS), CPUS);
    }

    private static List<Thread> start(Machine m, AtomicReference<Throwable> failure, CyclicBarrier go, CpuBody body) {
        List<Thread> ts = new ArrayList<>();
        for (int c = 0; c < CPUS; c++) {
            final Cpu cpu = m.cpu(c);
            Thread t = new Thread(() -> {
                cpu.contexts().push(PRIOS[cpu.id()], 1);
                try {
                    go.await(30, TimeUnit.SECONDS);
                    body.run(cpu);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    cpu.contexts().pop();
                }
            }, "cpu/" + c);
            t.setDaemon(true);
            t.start();
            ts.add(t);
        }
        return ts;
    }

    private static void joinAll(List<Thread> ts, AtomicReference<Throwable> failure) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (Thread t : ts) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            assertFalse(t.isAlive(), t.getName() + " did not finish: a lost wake-up or a deadlock");
        }
        if (failure.get() != null) throw new AssertionError(failure.get());
    }

    private interface CpuBody {
        void run(Cpu cpu) throws Exception;
    }

    @Test
    @Timeout(120)
    void mixedPrioritiesKeepMutualExclusionLoseNoWakeUpAndGiveEveryBoostBack() throws Exception {
        Machine m = rtMachine();
        QpwLock l = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, CPUS); // rt[0..3]: four rt_mutexes
        final int perCpu = 20_000;
        long[] inside = new long[CPUS]; // plain: only the lock's holder touches inside[k]
        AtomicInteger[] holders = new AtomicInteger[CPUS];
        for (int k = 0; k < CPUS; k++) holders[k] = new AtomicInteger();
        long[][] taken = new long[CPUS][CPUS];
        AtomicLong boostedHolds = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CyclicBarrier go = new CyclicBarrier(CPUS);
        List<Thread> ts = start(m, failure, go, cpu -> {
            final int me = cpu.id();
            final CpuContexts cx = cpu.contexts();
            SplittableRandom rnd = new SplittableRandom(me);
            for (int i = 0; i < perCpu; i++) {
                // rt[0] then rt[1] nested, or one lock alone; a holder of rt[1..3] waits for nothing,
                // so a PI chain crosses at most two locks
                int op = rnd.nextInt(4);
                int first = op == 0 ? 0 : op;
                m.qpw.qpw_lock(cpu, l, first);
                enter(holders[first], inside, first, taken[me]);
                if (op == 0) {
                    m.qpw.qpw_lock(cpu, l, 1);
                    enter(holders[1], inside, 1, taken[me]);
                }
                if ((i & 31) == 0) { // the holder is switched out: waiters must sleep, not spin
                    cx.setBlocked(true);
                    Thread.yield();
                    cx.setBlocked(false);
                }
                if (cx.effectivePrio(cx.depth()) < cx.basePrio(cx.depth())) boostedHolds.incrementAndGet();
                if (op == 0) {
                    holders[1].decrementAndGet();
                    m.qpw.qpw_unlock(cpu, l, 1);
                }
                holders[first].decrementAndGet();
                m.qpw.qpw_unlock(cpu, l, first);
            }
        });
        joinAll(ts, failure);

        long piBoosts = 0, lockOps = 0, acquisitions = 0;
        for (int k = 0; k < CPUS; k++) {
            long sum = 0;
            for (int c = 0; c < CPUS; c++) sum += taken[c][k];
            assertEquals(sum, inside[k], "rt[" + k + "]: an increment was lost, two holders at once");
            acquisitions += sum;
            RtSpinlock rl = l.rtSpinlock(k);
            assertEquals(-1, rl.owner(), rl.name() + " left owned");
            assertEquals(0, rl.waiters(), rl.name() + " left with waiters");
        }
        for (int c = 0; c < CPUS; c++) {
            CpuContexts cx = m.cpu(c).contexts();
            for (int d = 0; d <= 1; d++) assertEquals(CpuContexts.NO_BOOST, cx.boost(d), "cpu" + c + " depth " + d + " kept a boost");
            assertEquals(0, cx.heldCount(), "cpu" + c + " still lists a held lock");
            assertEquals(0, m.cpu(c).migrateDisabledCount());
            CpuCounters k = m.cpu(c).counters();
            piBoosts += k.get(CpuCounters.PI_BOOSTS);
            lockOps += k.get(CpuCounters.LOCAL_LOCK_OPS) + k.get(CpuCounters.REMOTE_LOCK_OPS);
        }
        assertEquals(acquisitions, lockOps, "every acquisition counted once");
        long slow = 0;
        for (int k = 0; k < CPUS; k++) slow += l.rtSpinlock(k).slowPaths();
        assertTrue(slow > 0, "the stress never took the slow path");
        assertTrue(boostedHolds.get() > 0 && piBoosts > 0,
                "no holder was ever boosted (held boosted " + boostedHolds + ", PI_BOOST reports " + piBoosts + ")");
    }

    private static void enter(AtomicInteger holders, long[] inside, int k, long[] takenByMe) {
        int h = holders.incrementAndGet();
        if (h != 1) throw new AssertionError("rt[" + k + "] has " + h + " holders");
        inside[k]++;
        takenByMe[k]++;
    }

    @Test
    @Timeout(60)
    void uncontendedLocksTakeOnlyTheFastPath() throws Exception {
        Machine m = rtMachine();
        QpwLock l = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, CPUS);
        QpwLock t = QpwLock.qpw_trylock_init(Site.SLUB_SHEAVES, CPUS);
        final int perCpu = 50_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CyclicBarrier go = new CyclicBarrier(CPUS);
        List<Thread> ts = start(m, failure, go, cpu -> {
            for (int i = 0; i < perCpu; i++) { // all four CPUs at once, each on its own locks
                m.qpw.qpw_lock(cpu, l, cpu.id());
                if ((i & 1023) == 0 && l.rtSpinlock(cpu.id()).owner() != cpu.id()) {
                    throw new AssertionError("cpu" + cpu.id() + " does not own its lock");
                }
                m.qpw.qpw_unlock(cpu, l, cpu.id());
                if (!m.qpw.local_qpw_trylock(cpu, t)) throw new AssertionError("trylock of a free lock failed");
                m.qpw.local_qpw_unlock(cpu, t);
            }
        });
        joinAll(ts, failure);
        for (int c = 0; c < CPUS; c++) {
            assertEquals(0, l.rtSpinlock(c).slowPaths(), "cpu" + c + ": an uncontended lock left the fast path");
            assertEquals(0, t.rtSpinlock(c).slowPaths(), "cpu" + c + ": an uncontended trylock left the fast path");
            assertEquals(-1, l.rtSpinlock(c).owner());
            assertEquals(2L * perCpu, m.cpu(c).counters().get(CpuCounters.LOCAL_LOCK_OPS));
            assertEquals(0, m.cpu(c).contexts().heldCount());
        }
    }
}
