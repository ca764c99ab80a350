package io.qpwscope.engine.mm;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.qpw.Qpw;
import io.qpwscope.engine.qpw.QpwLock;
import io.qpwscope.engine.qpw.QpwStruct;
import io.qpwscope.trace.Site;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * memcg per-CPU charge stock (memcg_stock), not converted (the series dropped it):
 * charges are pre-charged to the page counter in batches of MEMCG_CHARGE_BATCH and consumed
 * from the local stock under a local_lock.
 *
 * <p>drain_all_stock() (mm/memcontrol.c), called from charge-limit reclaim (try_charge_memcg)
 * and from writes to memory.high / memory.max — not from memory.reclaim: it returns at once
 * if percpu_charge_mutex is taken (mutex_trylock); for every CPU with stock whose
 * FLUSHING_CACHED_CHARGE bit it sets, it drains the caller's own CPU synchronously
 * (drain_local_stock), queues drain_local_stock with schedule_work_on elsewhere — except on
 * isolated CPUs ({@code else if (!cpu_is_isolated(cpu))}), whose stock stays stranded, and
 * whose FLUSHING bit stays set, so later drains pass them by without a look.
 */
public final class MemcgStock {
    static final int MEMCG_CHARGE_BATCH = 64;

    private final Qpw qpw;
    private final QpwLock lock;
    private final Stock[] stocks;
    private final QpwStruct[] work;
    private final boolean[] isolated;
    /** page_counter usage of the (single) memcg. */
    private final AtomicLong usage = new AtomicLong();
    /** percpu_charge_mutex, only ever taken with mutex_trylock: -1 = free, else the owner CPU. */
    private final AtomicInteger chargeMutex = new AtomicInteger(-1);
    private final AtomicLong drainsRun = new AtomicLong();
    private final AtomicLong drainsBusy = new AtomicLong();

    public MemcgStock(Qpw qpw, int cpus, boolean[] isolated) {
        this.qpw = qpw;
        this.isolated = isolated;
        this.lock = QpwLock.qpw_lock_init(Site.MEMCG_STOCK, cpus);
        this.stocks = new Stock[cpus];
        this.work = new QpwStruct[cpus];
        for (int c = 0; c < cpus; c++) {
            stocks[c] = new Stock();
            work[c] = new QpwStruct(Site.WORK_MEMCG_DRAIN);
        }
    }

    /** try_charge: consume_stock, or charge a batch to the counter and refill_stock with the rest. */
    void charge(Cpu self, int pages) {
        qpw.local_lock(self, lock);
        Stock s = stocks[self.id()];
        if (s.pages >= pages) {
            s.pages -= pages;
        } else {
            usage.addAndGet(MEMCG_CHARGE_BATCH);
            s.pages += MEMCG_CHARGE_BATCH - pages;
        }
        qpw.local_unlock(self, lock);
    }

    /** page_counter_uncharge on reclaim. */
    void uncharge(long pages) {
        usage.addAndGet(-pages);
    }

    /**
     * drain_all_stock(root_memcg).
     * @return CPUs passed by because isolated (their stock stays charged), or -1 when another
     *         drain held percpu_charge_mutex and this one returned at once
     */
    public int drainAllStock(Cpu self) {
        final int curcpu = self.id(); // migrate_disable(); smp_processor_id()
        if (!chargeMutex.compareAndSet(-1, curcpu)) { // if (!mutex_trylock(&percpu_charge_mutex)) return;
            drainsBusy.incrementAndGet();
            return -1;
        }
        int skipped = 0;
        try {
            drainsRun.incrementAndGet();
            for (int cpu = 0; cpu < stocks.length; cpu++) {
                Stock st = stocks[cpu];
                if (st.flushing.get() || st.pages == 0) { // racy peeks, as is_memcg_drain_needed
                    if (isolated[cpu] && cpu != curcpu && st.pages != 0) {
                        st.passedOver = true;
                        skipped++;
                    }
                    continue;
                }
                if (!st.flushing.compareAndSet(false, true)) continue; // test_and_set_bit(FLUSHING_CACHED_CHARGE)
                if (cpu == curcpu) {
                    drainLocalStock(self, work[cpu]); // the local CPU: drained now, by the caller
                } else if (!isolated[cpu]) {
                    QpwStruct w = work[cpu];
                    w.init(this::drainLocalStock, cpu);
                    qpw.queue_work_on(self, cpu, "system_wq", w); // schedule_work_on
                } else {
                    st.passedOver = true;
                    skipped++;
                }
            }
        } finally {
            chargeMutex.set(-1);
        }
        return skipped;
    }

    /** drain_local_stock(work): this CPU's stock back to the page counter; clears FLUSHING_CACHED_CHARGE. */
    private void drainLocalStock(Cpu self, QpwStruct w) {
        qpw.local_lock(self, lock);
        Stock s = stocks[self.id()];
        usage.addAndGet(-s.pages);
        s.pages = 0;
        s.passedOver = false;
        qpw.local_unlock(self, lock);
        s.flushing.set(false);
    }

    /** Runs {@code r} with percpu_charge_mutex held by {@code self} (tests of the trylock). */
    void holdingChargeMutex(Cpu self, Runnable r) {
        if (!chargeMutex.compareAndSet(-1, self.id())) throw new IllegalStateException("percpu_charge_mutex is taken");
        try {
            r.run();
        } finally {
            chargeMutex.set(-1);
        }
    }

    /** drain_all_stock calls that ran (took percpu_charge_mutex). */
    public long drainsRun() {
        return drainsRun.get();
    }

    /** drain_all_stock calls that returned at once because another drain held the mutex. */
    public long drainsBusy() {
        return drainsBusy.get();
    }

    /**
     * Pages stranded: held in the stocks of CPUs a drain_all_stock that ran passed over
     * (isolated CPUs). 0 while no drain has run: a stock nobody tried to drain is not stranded.
     * A racy peek, for display.
     */
    public long strandedPages() {
        long n = 0;
        for (Stock s : stocks) if (s.passedOver) n += s.pages;
        return n;
    }

    void checkInvariant(long liveFolios, List<String> violations) {
        long inStock = 0;
        for (Stock s : stocks) inStock += s.pages;
        long expected = inStock + liveFolios;
        if (usage.get() != expected) {
            violations.add("memcg: page counter usage " + usage.get() + " but stock " + inStock + " + charged folios "
                    + liveFolios + " = " + expected);
        }
    }

    static final class Stock {
        @SuppressWarnings("unused") private long p01, p02, p03, p04, p05, p06, p07;
        int pages;
        /** FLUSHING_CACHED_CHARGE */
        final AtomicBoolean flushing = new AtomicBoolean();
        /** a drain that ran passed this CPU over (cpu_is_isolated) */
        volatile boolean passedOver;
    }
}
