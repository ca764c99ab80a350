package io.qpwscope.engine.mm;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.Machine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LruCacheTest {

    @Test
    void theCallersOwnBatchIsDrainedInPlaceNotByItsKworker() {
        Machine m = MmMachines.fourCpus(true, 0);
        Cpu cpu0 = m.cpu(0);
        m.mm.lru.folioAddLru(cpu0);
        assertEquals(0, m.mm.lru.lruAddDrainAll(cpu0), "no other CPU needs a drain");
        assertEquals(0, cpu0.counters().workQueuedTo(), "lru_add_drain() ran before the mutex");
        assertEquals(0, m.mm.lru.inBatches());
        invariants(m);
    }

    @Test
    @Timeout(30)
    void mainlineDrainsBufferHeadsInsideTheLruWorkTheSeriesQueuesThemSeparately() throws Exception {
        for (boolean configQpw : new boolean[] {false, true}) {
            Machine m = MmMachines.fourCpus(configQpw, 0);
            Cpu cpu1 = m.cpu(1);
            m.mm.bh.install(cpu1, 7);
            assertTrue(m.mm.lru.cpuNeedsDrain(1) != configQpw, "cpu_needs_drain counts has_bh_in_lru only in mainline");
            m.mm.lru.folioAddLru(cpu1);
            try (Driver d = new Driver(cpu1)) {
                assertEquals(1, m.mm.lru.lruAddDrainAll(m.cpu(0)));
            }
            assertEquals(configQpw ? 2 : 1, cpu1.counters().workQueuedTo(),
                    configQpw ? "lru work + the series' own bh work" : "one lru_add_drain_per_cpu drains both");
            assertTrue(!m.mm.bh.hasBhInLru(1), "cpu1's buffer heads were dropped");
            assertEquals(0, m.mm.bh.ipisSent());
            invariants(m);
        }
    }

    @Test
    void invalidateBhLrusIsAnIpiToCpusWithBufferHeadsAndRunsLocallyOnTheCaller() {
        Machine m = MmMachines.fourCpus(true, 1);
        m.mm.bh.install(m.cpu(0), 1);
        m.mm.bh.install(m.cpu(1), 2);
        m.mm.bh.install(m.cpu(3), 3); // isolated: bh_lru_install skips it
        assertEquals(1, m.mm.bh.invalidateBhLrus(m.cpu(0)), "one IPI: cpu1 (cpu0 is the caller, cpu2 and cpu3 have none)");
        for (int c = 0; c < 4; c++) {
            assertTrue(!m.mm.bh.hasBhInLru(c), "cpu" + c + " emptied");
            assertEquals(0, m.cpu(c).counters().workQueuedTo(), "no work item: an IPI");
        }
        invariants(m);
    }

    @Test
    @Timeout(60)
    void concurrentCallersCoalesceThroughTheGenerationButLruCacheDisableNeverDoes() throws Exception {
        for (boolean forced : new boolean[] {false, true}) {
            Machine m = MmMachines.fourCpus(true, 0);
            LruCache lru = m.mm.lru;
            Cpu cpu0 = m.cpu(0), cpu1 = m.cpu(1), cpu2 = m.cpu(2), cpu3 = m.cpu(3);
            lru.folioAddLru(cpu2); // cpu2's kworker will hold the first drain up until the test runs it
            Thread a = caller(cpu0, lru, forced);
            a.start();
            until(() -> cpu2.counters().workQueuedTo() == 1);
            Thread b = caller(cpu1, lru, forced), c = caller(cpu3, lru, forced);
            b.start();
            c.start();
            until(() -> lru.drainMutexWaiters() == 2); // both read the generation the first drain wrote
            try (Driver d = new Driver(cpu2)) {
                a.join(TimeUnit.SECONDS.toMillis(20));
                b.join(TimeUnit.SECONDS.toMillis(20));
                c.join(TimeUnit.SECONDS.toMillis(20));
            }
            assertTrue(!a.isAlive() && !b.isAlive() && !c.isAlive());
            assertEquals(forced ? 0 : 1, lru.drainsSkippedByGeneration(),
                    forced ? "__lru_add_drain_all(true) never returns early" : "the last of two waiting callers is covered by the other's drain");
            invariants(m);
        }
    }

    private static Thread caller(Cpu cpu, LruCache lru, boolean forced) {
        Thread t = new Thread(() -> {
            if (forced) lru.lruAddDrainAllForced(cpu);
            else lru.lruAddDrainAll(cpu);
        }, "caller-" + cpu);
        t.setDaemon(true);
        return t;
    }

    static void until(BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not reached in 20 s");
            Thread.sleep(1);
        }
    }

    static void invariants(Machine m) {
        List<String> v = new ArrayList<>();
        m.mm.checkInvariants(0, v);
        assertTrue(v.isEmpty(), v.toString());
    }

    /** Drives an idle, thread-less CPU: it runs its kworker at its preemption points until closed. */
    static final class Driver implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread t;

        Driver(Cpu cpu) {
            t = new Thread(() -> {
                while (!stop.get()) {
                    cpu.preemptionPoint();
                    Thread.onSpinWait();
                }
                cpu.preemptionPoint();
            }, "driver-" + cpu);
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            t.join(10_000);
        }
    }
}
