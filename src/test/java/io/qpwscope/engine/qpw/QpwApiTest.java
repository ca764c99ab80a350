package io.qpwscope.engine.qpw;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.Machine;
import io.qpwscope.engine.kernel.KernelBoot;
import io.qpwscope.trace.Site;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per row of DESIGN.md's behaviour table, on a 2-CPU machine whose CPU objects are
 * driven from the test thread (so "self" is explicit and no scheduling is involved).
 */
class QpwApiTest {
    private static Machine machine(boolean configQpw, int qpw, boolean rt) {
        return Machine.forBenchmark(KernelBoot.resolve(configQpw, false, rt, configQpw ? "qpw=" + qpw : "", 2), 2);
    }

    @Test
    void qpwLockInQpw0IsALocalLockThatIgnoresTheCpuArgument() {
        Machine m = machine(true, 0, false);
        Cpu cpu0 = m.cpu(0);
        QpwLock l = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 2);
        m.qpw.qpw_lock(cpu0, l, 1); // cpu argument ignored: takes cpu0's local lock
        assertEquals(1, cpu0.preemptCount(), "local_lock disables preemption");
        assertTrue(l.localLock(0).held());
        assertFalse(l.localLock(1).held());
        assertEquals(-1, l.spinlock(1).owner(), "no atomic, no spinlock on non-RT");
        m.qpw.qpw_unlock(cpu0, l, 1);
        assertEquals(0, cpu0.preemptCount());
    }

    @Test
    void qpwLockInQpw1TakesTheNamedCpusSpinlock() {
        Machine m = machine(true, 1, false);
        Cpu cpu0 = m.cpu(0);
        QpwLock l = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 2);
        m.qpw.qpw_lock(cpu0, l, 1);
        assertEquals(0, l.spinlock(1).owner(), "cpu0 holds cpu1's spinlock");
        assertEquals(1, cpu0.preemptCount());
        assertFalse(l.spinlock(1).tryLock(1), "cpu1 cannot take its own lock meanwhile");
        m.qpw.qpw_unlock(cpu0, l, 1);
        assertEquals(-1, l.spinlock(1).owner());
    }

    @Test
    void irqsaveFormsDisableInterruptsAndRestoreThem() {
        for (int mode = 0; mode <= 1; mode++) {
            Machine m = machine(true, mode, false);
            Cpu cpu0 = m.cpu(0);
            QpwLock l = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 2);
            boolean flags = m.qpw.qpw_lock_irqsave(cpu0, l, 0);
            assertTrue(cpu0.irqsDisabled());
            m.qpw.qpw_unlock_irqrestore(cpu0, l, flags, 0);
            assertFalse(cpu0.irqsDisabled());
        }
    }

    @Test
    void trylockFailsWhenHeldInBothModes() {
        Machine m0 = machine(true, 0, false);
        QpwLock l0 = QpwLock.qpw_trylock_init(Site.SLUB_SHEAVES, 2);
        assertTrue(m0.qpw.qpw_trylock(m0.cpu(0), l0, 0));
        assertFalse(m0.qpw.qpw_trylock(m0.cpu(0), l0, 0), "local_trylock: re-entry on the same CPU fails");
        m0.qpw.qpw_unlock(m0.cpu(0), l0, 0);

        Machine m1 = machine(true, 1, false);
        QpwLock l1 = QpwLock.qpw_trylock_init(Site.SLUB_SHEAVES, 2);
        assertTrue(m1.qpw.qpw_trylock(m1.cpu(0), l1, 1));
        assertFalse(m1.qpw.qpw_trylock(m1.cpu(1), l1, 1), "spin_trylock: cpu1's lock is held by cpu0");
        assertEquals(0, m1.cpu(1).preemptCount(), "a failed trylock leaves preemption enabled");
        m1.qpw.qpw_unlock(m1.cpu(0), l1, 1);
    }

    @Test
    void trylockFormsNeedAQpwTrylockTInBothModes() {
        for (int mode = 0; mode <= 1; mode++) {
            Machine m = machine(true, mode, false);
            QpwLock plain = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 2);
            assertThrows(IllegalArgumentException.class, () -> m.qpw.qpw_trylock(m.cpu(0), plain, 0));
            assertEquals(0, m.cpu(0).preemptCount());
        }
    }

    @Test
    void trylockIrqsaveRestoresInterruptsOnFailure() {
        Machine m = machine(true, 1, false);
        QpwLock l = QpwLock.qpw_trylock_init(Site.SLUB_SHEAVES, 2);
        Boolean flags = m.qpw.qpw_trylock_irqsave(m.cpu(0), l, 1);
        assertNotNull(flags);
        assertNull(m.qpw.qpw_trylock_irqsave(m.cpu(1), l, 1));
        assertFalse(m.cpu(1).irqsDisabled());
        m.qpw.qpw_unlock_irqrestore(m.cpu(0), l, flags, 1);
    }

    @Test
    void localQpwLockUsesThisCpusSpinlockInQpw1AndLocalLockInQpw0() {
        Machine m1 = machine(true, 1, false);
        QpwLock l = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 2);
        m1.qpw.local_qpw_lock(m1.cpu(1), l);
        assertEquals(1, l.spinlock(1).owner());
        assertEquals(1, m1.cpu(1).preemptCount(), "non-RT: preempt_disable");
        m1.qpw.local_qpw_unlock(m1.cpu(1), l);

        Machine m0 = machine(true, 0, false);
        QpwLock k = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 2);
        m0.qpw.local_qpw_lock(m0.cpu(1), k);
        assertTrue(k.localLock(1).held());
        assertEquals(-1, k.spinlock(1).owner());
        m0.qpw.local_qpw_unlock(m0.cpu(1), k);
    }

    @Test
    void preemptRtMakesLocalLockARealPerCpuSpinlock() {
        Machine m = machine(true, 0, true);
        QpwLock l = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 2);
        m.qpw.qpw_lock(m.cpu(1), l, 0);
        assertEquals(1, l.rtSpinlock(1).owner(), "RT local_lock: this CPU's sleeping spinlock (rt_mutex), cpu argument ignored");
        m.qpw.qpw_unlock(m.cpu(1), l, 0);
    }

    @Test
    void queuePercpuWorkOnInQpw1RunsNowOnTheCallerUnderTheTargetsData() {
        Machine m = machine(true, 1, false);
        Cpu cpu0 = m.cpu(0);
        AtomicInteger ranOn = new AtomicInteger(-1);
        AtomicInteger dataCpu = new AtomicInteger(-1);
        QpwStruct w = new QpwStruct(Site.WORK_LRU_DRAIN);
        w.init((self, work) -> {
            ranOn.set(self.id());
            dataCpu.set(m.qpw.qpw_get_cpu(self, work));
        }, 1);
        assertTrue(m.qpw.queue_percpu_work_on(cpu0, 1, "mm_percpu_wq", w));
        assertEquals(0, ranOn.get(), "ran on the caller's CPU");
        assertEquals(1, dataCpu.get(), "qpw_get_cpu(w) is w->cpu");
        m.qpw.flush_percpu_work(cpu0, w); // no-op: must return at once
        assertEquals(1, m.ledger.executedByCaller());
        assertEquals(m.ledger.queuedCount(), m.ledger.executedCount());
    }

    @Test
    void queuePercpuWorkOnWarnsWhenCpuDiffersFromTheStructsCpu() {
        Machine m = machine(true, 1, false);
        QpwStruct w = new QpwStruct(Site.WORK_LRU_DRAIN);
        w.init((self, work) -> { }, 1);
        m.qpw.queue_percpu_work_on(m.cpu(0), 0, "mm_percpu_wq", w);
        assertEquals(1, m.ledger.warnings());
    }

    @Test
    void queuePercpuWorkOnInQpw0QueuesToTheTargetsWorkerAndDoesNotRunIt() {
        Machine m = machine(true, 0, false);
        AtomicInteger runs = new AtomicInteger();
        QpwStruct w = new QpwStruct(Site.WORK_LRU_DRAIN);
        w.init((self, work) -> runs.incrementAndGet(), 1);
        assertTrue(m.qpw.queue_percpu_work_on(m.cpu(0), 1, "mm_percpu_wq", w));
        assertFalse(m.qpw.queue_work_on(m.cpu(0), 1, "mm_percpu_wq", w), "already pending: not queued twice");
        assertEquals(0, runs.get(), "queued, not run by the caller");
        // cpu1's worker picks it up at its next preemption point
        m.cpu(1).preemptionPoint();
        assertEquals(1, runs.get());
        assertEquals(1, m.ledger.executedOnTarget());
    }

    @Test
    void flushPercpuWorkInQpw0WaitsForCompletion() throws Exception {
        Machine m = machine(true, 0, false);
        QpwStruct w = new QpwStruct(Site.WORK_LRU_DRAIN);
        w.init((self, work) -> { }, 1);
        m.qpw.queue_percpu_work_on(m.cpu(0), 1, "mm_percpu_wq", w);
        Thread worker = Thread.ofPlatform().daemon(true).start(() -> {
            while (m.cpu(1).counters().get(io.qpwscope.engine.CpuCounters.WORK_EXECUTED_ON) == 0) {
                m.cpu(1).preemptionPoint();
                Thread.onSpinWait();
            }
        });
        m.qpw.flush_percpu_work(m.cpu(0), w); // returns only once cpu1 ran it
        assertEquals(1, m.ledger.executedCount());
        worker.join(5000);
    }

    @Test
    void qpwGetCpuAndIsCpuRemoteWithoutConfigQpw() {
        Machine m = machine(false, 0, false);
        QpwStruct w = new QpwStruct(Site.WORK_LRU_DRAIN);
        w.init((self, work) -> { }, 1);
        assertEquals(0, m.qpw.qpw_get_cpu(m.cpu(0), w), "CONFIG_QPW=n: smp_processor_id()");
        assertFalse(m.qpw.qpw_is_cpu_remote(m.cpu(0), 1), "CONFIG_QPW=n: never remote");
        Machine q = machine(true, 0, false);
        assertEquals(1, q.qpw.qpw_get_cpu(q.cpu(0), w));
        assertTrue(q.qpw.qpw_is_cpu_remote(q.cpu(0), 1));
        assertFalse(q.qpw.qpw_is_cpu_remote(q.cpu(1), 1));
    }

    @Test
    void lockdepAssertHeldChecksThisCpusInstance() {
        for (int mode = 0; mode <= 1; mode++) {
            Machine m = machine(true, mode, false);
            QpwLock l = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 2);
            assertThrows(LockdepException.class, () -> m.qpw.qpw_lockdep_assert_held(m.cpu(0), l));
            m.qpw.qpw_lock(m.cpu(0), l, 0);
            m.qpw.qpw_lockdep_assert_held(m.cpu(0), l);
            m.qpw.qpw_unlock(m.cpu(0), l, 0);
        }
    }

    @Test
    void unlockingALockHeldByAnotherCpuIsCaught() {
        Machine m = machine(true, 1, false);
        QpwLock l = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 2);
        m.qpw.qpw_lock(m.cpu(0), l, 1);
        assertThrows(IllegalMonitorStateException.class, () -> m.qpw.qpw_unlock(m.cpu(1), l, 1));
    }
}
