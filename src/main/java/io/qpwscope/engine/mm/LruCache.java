package io.qpwscope.engine.mm;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.qpw.YieldingSpinlock;
import io.qpwscope.engine.qpw.Qpw;
import io.qpwscope.engine.qpw.QpwLock;
import io.qpwscope.engine.qpw.QpwStruct;
import io.qpwscope.trace.Site;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * mm/swap.c cpu_fbatches and mm/mlock.c mlock_fbatch, converted to QPW, with
 * __lru_add_drain_all(force_all_cpus): read the drain generation, drain this CPU's own
 * batches (lru_add_drain), take the mutex; unless forced, return if another caller bumped the
 * generation meanwhile (its drain covered ours: concurrent callers coalesce); else bump it,
 * queue_percpu_work_on(lru_add_drain_per_cpu) for every CPU that cpu_needs_drain() and
 * flush_percpu_work for each.
 *
 * <p>Buffer heads: with CONFIG_QPW=n (mainline) cpu_needs_drain() counts has_bh_in_lru() and
 * lru_add_drain_per_cpu drains them too (lru_add_and_bh_lrus_drain); with the series
 * (CONFIG_QPW=y) the bh drain is its own work item sent with queue_work_on.
 */
public final class LruCache {
    /** cpu_fbatches members under .lock, in mm/swap.c order. */
    static final String[] BATCHES = {"lru_add", "lru_deactivate_file", "lru_deactivate", "lru_lazyfree", "lru_activate"};
    /** Reclaim starts when the LRU holds more folios than this (bounds memory of long runs). */
    static final long LRU_HIGH = 1 << 16;

    private final Qpw qpw;
    private final BhLru bh;
    private final MemcgStock memcg;
    final QpwLock lock;
    final QpwLock lockIrq;
    final QpwLock mlockLock;
    private final CpuFbatches[] fbatches;
    private final QpwStruct[] drainWork;
    private final SleepingMutex drainMutex = new SleepingMutex();
    private volatile long lruDrainGen;
    private final PerCpuAccess access;

    // lruvec and the unevictable list, behind lruvec->lru_lock (a spinlock: a waiter spins, never sleeps)
    /**
     * lruvec->lru_lock. Its waits are not model waits for the unseen-gap watch ({@link Cpu#waitEnded()}):
     * holders keep it for well under a microsecond with preemption off, so a wait past the watch's
     * threshold is a holder the host took off its core.
     */
    private final YieldingSpinlock lruLock = new YieldingSpinlock();
    private long lruFolios;
    private long unevictable;
    private long reclaimed;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong drainsSkippedByGeneration = new AtomicLong();

    public LruCache(Qpw qpw, int cpus, BhLru bh, MemcgStock memcg, PerCpuAccess access) {
        this.qpw = qpw;
        this.bh = bh;
        this.memcg = memcg;
        this.access = access;
        this.lock = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, cpus);
        this.lockIrq = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, cpus);
        this.mlockLock = QpwLock.qpw_lock_init(Site.MLOCK_FBATCH, cpus);
        this.fbatches = new CpuFbatches[cpus];
        this.drainWork = new QpwStruct[cpus];
        for (int c = 0; c < cpus; c++) {
            fbatches[c] = new CpuFbatches();
            drainWork[c] = new QpwStruct(Site.WORK_LRU_DRAIN);
        }
    }

    /** A new page-cache folio (a write(), a fault): charged to the memcg, added to this CPU's lru_add batch. */
    public void folioAddLru(Cpu self) {
        created.incrementAndGet();
        memcg.charge(self, 1);
        qpw.local_qpw_lock(self, lock);
        int cpu = self.id();
        check(self, lock, cpu);
        CpuFbatches fb = fbatches[cpu];
        if (fb.batch[0].add()) moveToLru(self, fb.batch[0]);
        qpw.local_qpw_unlock(self, lock);
    }

    /** folio_mark_accessed -> lru_activate batch (a folio already on the LRU). */
    public void folioActivate(Cpu self) {
        qpw.local_qpw_lock(self, lock);
        int cpu = self.id();
        check(self, lock, cpu);
        CpuFbatches fb = fbatches[cpu];
        if (takeFromLru(self)) {
            if (fb.batch[4].add()) moveToLru(self, fb.batch[4]);
        }
        qpw.local_qpw_unlock(self, lock);
    }

    /** folio_rotate_reclaimable -> lru_move_tail under lock_irq (qpw_lock_irqsave). */
    public void folioRotate(Cpu self) {
        int cpu = self.id();
        boolean flags = qpw.qpw_lock_irqsave(self, lockIrq, cpu);
        check(self, lockIrq, cpu);
        CpuFbatches fb = fbatches[cpu];
        if (takeFromLru(self)) {
            if (fb.moveTail.add()) moveToLru(self, fb.moveTail);
        }
        qpw.qpw_unlock_irqrestore(self, lockIrq, flags, cpu);
    }

    /** mlock(2) of n pages: faulted in, charged, mlock_folio() into this CPU's mlock_fbatch. */
    public void mlock(Cpu self, int pages) {
        for (int i = 0; i < pages; i++) {
            created.incrementAndGet();
            memcg.charge(self, 1);
            qpw.local_qpw_lock(self, mlockLock);
            int cpu = self.id();
            check(self, mlockLock, cpu);
            CpuFbatches fb = fbatches[cpu];
            if (fb.mlock.add()) moveToUnevictable(self, fb.mlock);
            qpw.local_qpw_unlock(self, mlockLock);
            self.preemptionPoint();
        }
    }

    /** Folios waiting in {@code cpu}'s lru_add batch (a racy peek, as cpu_needs_drain's). */
    public int lruAddPending(int cpu) {
        return fbatches[cpu].batch[0].nr;
    }

    /**
     * cpu_needs_drain(cpu): racy peeks at another CPU's batch sizes, as in mainline; with
     * CONFIG_QPW=n also has_bh_in_lru(cpu) (the lru work drains buffer heads there).
     */
    boolean cpuNeedsDrain(int cpu) {
        CpuFbatches fb = fbatches[cpu];
        for (FolioBatch b : fb.batch) if (b.nr > 0) return true;
        return fb.moveTail.nr > 0 || fb.mlock.nr > 0 || !qpw.configQpw() && bh.hasBhInLru(cpu);
    }

    /** lru_add_drain_all(): @return CPUs the drain was sent to (-1 if skipped by the generation check). */
    public int lruAddDrainAll(Cpu self) {
        return lruAddDrainAll(self, false);
    }

    /** lru_cache_disable()'s __lru_add_drain_all(true): never coalesces with another caller. */
    public int lruAddDrainAllForced(Cpu self) {
        return lruAddDrainAll(self, true);
    }

    private int lruAddDrainAll(Cpu self, boolean forceAllCpus) {
        long thisGen = lruDrainGen; // smp_mb(); smp_load_acquire(&lru_drain_gen)
        lruAddDrain(self); // "It helps everyone if we do our own local drain immediately."
        drainMutex.lock(self);
        try {
            if (thisGen != lruDrainGen && !forceAllCpus) { // a newer generation drained everything: done
                drainsSkippedByGeneration.incrementAndGet();
                return -1;
            }
            lruDrainGen = lruDrainGen + 1; // WRITE_ONCE + smp_mb
            int n = fbatches.length;
            boolean[] has = new boolean[n];
            int sent = 0;
            for (int cpu = 0; cpu < n; cpu++) {
                if (!cpuNeedsDrain(cpu)) continue;
                QpwStruct w = drainWork[cpu];
                w.init(this::lruAddDrainPerCpu, cpu); // INIT_QPW(work, lru_add_drain_per_cpu, cpu)
                qpw.queue_percpu_work_on(self, cpu, "mm_percpu_wq", w);
                has[cpu] = true;
                sent++;
            }
            boolean[] bhHas = qpw.configQpw() ? bh.queueDrains(self) : null; // the series: its own work item
            for (int cpu = 0; cpu < n; cpu++) {
                if (has[cpu]) qpw.flush_percpu_work(self, drainWork[cpu]);
            }
            if (bhHas != null) bh.flushDrains(self, bhHas);
            return sent;
        } finally {
            drainMutex.unlock(self);
        }
    }

    /**
     * lru_add_drain(): this CPU's own batches, under its own lock (local_qpw_lock), then
     * mlock_drain_local(). No buffer heads.
     */
    public void lruAddDrain(Cpu self) {
        int cpu = self.id();
        CpuFbatches fb = fbatches[cpu];
        qpw.local_qpw_lock(self, lock);
        check(self, lock, cpu);
        for (FolioBatch b : fb.batch) moveToLru(self, b);
        qpw.local_qpw_unlock(self, lock);

        boolean flags = qpw.qpw_lock_irqsave(self, lockIrq, cpu);
        check(self, lockIrq, cpu);
        moveToLru(self, fb.moveTail);
        qpw.qpw_unlock_irqrestore(self, lockIrq, flags, cpu);

        qpw.local_qpw_lock(self, mlockLock);
        check(self, mlockLock, cpu);
        moveToUnevictable(self, fb.mlock);
        qpw.local_qpw_unlock(self, mlockLock);
    }

    /**
     * lru_add_drain_per_cpu(work): drain the lru and mlock batches of qpw_get_cpu(work); with
     * CONFIG_QPW=n (mainline lru_add_and_bh_lrus_drain) this CPU's buffer heads too.
     */
    private void lruAddDrainPerCpu(Cpu self, QpwStruct w) {
        int cpu = qpw.qpw_get_cpu(self, w);
        qpw.qpw_lock(self, lock, cpu);
        check(self, lock, cpu);
        CpuFbatches fb = fbatches[cpu];
        for (FolioBatch b : fb.batch) {
            moveToLru(self, b);
            self.preemptionPoint(); // a no-op under a spinning lock; on PREEMPT_RT the holder is preemptible
        }
        qpw.qpw_unlock(self, lock, cpu);
        if (!qpw.configQpw()) bh.invalidateBhLrusCpu(self); // mainline: invalidate_bh_lrus_cpu()

        boolean flags = qpw.qpw_lock_irqsave(self, lockIrq, cpu);
        check(self, lockIrq, cpu);
        moveToLru(self, fb.moveTail);
        qpw.qpw_unlock_irqrestore(self, lockIrq, flags, cpu);

        // mlock_drain_remote(cpu)
        qpw.qpw_lock(self, mlockLock, cpu);
        check(self, mlockLock, cpu);
        moveToUnevictable(self, fb.mlock);
        qpw.qpw_unlock(self, mlockLock, cpu);
    }

    private void check(Cpu self, QpwLock l, int cpu) {
        if (access != null) access.check(self, qpw, l, cpu);
    }

    private void moveToLru(Cpu self, FolioBatch b) { // folio_batch_move_lru under lruvec->lru_lock
        if (b.nr == 0) return;
        lruLock.lock(self.id());
        try {
            moveToLruLocked(b);
        } finally {
            lruLock.unlock(self.id());
        }
    }

    private void moveToLruLocked(FolioBatch b) {
        lruFolios += b.nr;
        b.nr = 0;
        if (lruFolios > LRU_HIGH) { // shrink_lruvec: reclaim a quarter, uncharging it
            long k = lruFolios / 4;
            lruFolios -= k;
            reclaimed += k;
            memcg.uncharge(k);
        }
    }

    private boolean takeFromLru(Cpu self) {
        lruLock.lock(self.id());
        try {
            if (lruFolios == 0) return false;
            lruFolios--;
            return true;
        } finally {
            lruLock.unlock(self.id());
        }
    }

    private void moveToUnevictable(Cpu self, FolioBatch b) {
        if (b.nr == 0) return;
        lruLock.lock(self.id());
        try {
            unevictable += b.nr;
            b.nr = 0;
        } finally {
            lruLock.unlock(self.id());
        }
    }

    /** Folios still sitting in per-CPU batches (call with CPUs stopped). */
    long inBatches() {
        long n = 0;
        for (CpuFbatches fb : fbatches) {
            for (FolioBatch b : fb.batch) n += b.nr;
            n += fb.moveTail.nr + fb.mlock.nr;
        }
        return n;
    }

    /** Call with CPUs stopped. */
    long liveFolios() {
        return created.get() - reclaimed;
    }

    /** Call with CPUs stopped. */
    void checkInvariant(List<String> violations) {
        long c = created.get();
        long accounted = lruFolios + unevictable + inBatches() + reclaimed;
        if (c != accounted) {
            violations.add("lru: " + c + " folios created but " + accounted + " accounted for (lru " + lruFolios
                    + " + unevictable " + unevictable + " + per-CPU batches " + inBatches() + " + reclaimed " + reclaimed + ")");
        }
    }

    /** Tasks sleeping on the drain mutex right now (tests). */
    int drainMutexWaiters() {
        return drainMutex.waiters();
    }

    public long drainsSkippedByGeneration() {
        return drainsSkippedByGeneration.get();
    }

    /** One CPU's cpu_fbatches + mlock_fbatch, padded against false sharing between CPUs. */
    static final class CpuFbatches {
        @SuppressWarnings("unused") private long p01, p02, p03, p04, p05, p06, p07;
        final FolioBatch[] batch = new FolioBatch[BATCHES.length];
        final FolioBatch moveTail = new FolioBatch();
        final FolioBatch mlock = new FolioBatch();
        @SuppressWarnings("unused") private long p11, p12, p13, p14, p15, p16, p17;

        CpuFbatches() {
            for (int i = 0; i < batch.length; i++) batch[i] = new FolioBatch();
        }
    }
}
