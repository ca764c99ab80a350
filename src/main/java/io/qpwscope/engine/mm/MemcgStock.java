package io.qpwscope.engine.mm;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.qpw.Qpw;
import io.qpwscope.engine.qpw.QpwLock;
import io.qpwscope.engine.qpw.QpwStruct;
import io.qpwscope.trace.Site;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * memcg per-CPU charge stock (memcg_stock), not converted (the series dropped it):
 * charges are pre-charged to the page counter in batches of MEMCG_CHARGE_BATCH and consumed
 * from the local stock under a local_lock; drain_all_stock() queues drain_local_stock on
 * each CPU with stock — except isolated ones (mainline: {@code !cpu_is_isolated(cpu)}),
 * whose stock stays stranded.
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
    private final AtomicLong stranded = new AtomicLong();

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

    /** drain_all_stock(): @return number of CPUs whose stock stayed stranded because isolated. */
    public int drainAllStock(Cpu self) {
        int skipped = 0;
        for (int cpu = 0; cpu < stocks.length; cpu++) {
            if (stocks[cpu].pages == 0) continue; // racy peek, as mainline's obj_stock_flush_required
            if (isolated[cpu]) { // mainline: if (!cpu_is_isolated(cpu)) schedule_work_on(...)
                skipped++;
                stranded.incrementAndGet();
                continue;
            }
            QpwStruct w = work[cpu];
            w.init(this::drainLocalStock, cpu);
            qpw.queue_work_on(self, cpu, "system_wq", w);
        }
        return skipped;
    }

    private void drainLocalStock(Cpu self, QpwStruct w) {
        qpw.local_lock(self, lock);
        Stock s = stocks[self.id()];
        usage.addAndGet(-s.pages);
        s.pages = 0;
        qpw.local_unlock(self, lock);
    }

    /** Pages held in isolated CPUs' stocks right now (a racy peek, for display). */
    public long strandedPages() {
        long n = 0;
        for (int c = 0; c < stocks.length; c++) if (isolated[c]) n += stocks[c].pages;
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
    }
}
