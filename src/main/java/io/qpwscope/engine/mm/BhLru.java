package io.qpwscope.engine.mm;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.qpw.Qpw;
import io.qpwscope.engine.qpw.QpwStruct;
import io.qpwscope.trace.Site;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fs/buffer.c bh_lrus: 16 buffer_head references per CPU, touched with interrupts off.
 * Not converted by the series: its drain is its own work item sent with queue_work_on.
 * Since 2023 bh_lru_install() skips isolated CPUs, so their LRU stays empty and no drain
 * is ever sent to them (has_bh_in_lru() is false).
 */
public final class BhLru {
    static final int BH_LRU_SIZE = 16;

    private final Qpw qpw;
    private final Lru[] lrus;
    private final QpwStruct[] work;
    private final boolean[] isolated;
    private final AtomicLong refsTaken = new AtomicLong();
    private final AtomicLong refsDropped = new AtomicLong();

    public BhLru(Qpw qpw, int cpus, boolean[] isolated) {
        this.qpw = qpw;
        this.isolated = isolated;
        this.lrus = new Lru[cpus];
        this.work = new QpwStruct[cpus];
        for (int c = 0; c < cpus; c++) {
            lrus[c] = new Lru();
            work[c] = new QpwStruct(Site.WORK_BH_LRU);
        }
    }

    /** __find_get_block -> bh_lru_install(bh): the buffer head's reference moves into the LRU. */
    public void install(Cpu self, int blocknr) {
        int cpu = self.id();
        if (isolated[cpu]) return; // "bh_lru_install: skip isolated CPUs" (2023)
        boolean flags = self.irqSave();
        Lru l = lrus[cpu];
        refsTaken.incrementAndGet();
        if (l.n == BH_LRU_SIZE) { // evict the oldest: drop its reference
            System.arraycopy(l.bhs, 1, l.bhs, 0, BH_LRU_SIZE - 1);
            l.n--;
            refsDropped.incrementAndGet();
        }
        l.bhs[l.n++] = blocknr;
        self.irqRestore(flags);
    }

    boolean hasBhInLru(int cpu) {
        return lrus[cpu].n > 0;
    }

    /** Queue invalidate_bh_lru on every CPU that has buffer heads cached. */
    boolean[] queueDrains(Cpu self) {
        boolean[] has = new boolean[lrus.length];
        for (int cpu = 0; cpu < lrus.length; cpu++) {
            if (!hasBhInLru(cpu)) continue;
            QpwStruct w = work[cpu];
            w.init(this::invalidateBhLru, cpu);
            qpw.queue_work_on(self, cpu, "system_wq", w);
            has[cpu] = true;
        }
        return has;
    }

    void flushDrains(Cpu self, boolean[] has) {
        for (int cpu = 0; cpu < has.length; cpu++) {
            if (has[cpu]) qpw.flush_work(self, work[cpu]);
        }
    }

    /** invalidate_bh_lru: runs on the owning CPU with interrupts off. */
    private void invalidateBhLru(Cpu self, QpwStruct w) {
        Lru l = lrus[self.id()];
        boolean flags = self.irqSave();
        refsDropped.addAndGet(l.n);
        l.n = 0;
        self.irqRestore(flags);
    }

    void checkInvariant(List<String> violations) {
        long cached = 0;
        for (Lru l : lrus) cached += l.n;
        long held = refsTaken.get() - refsDropped.get();
        if (held != cached) {
            violations.add("bh_lru: " + held + " buffer_head references held but " + cached + " in the per-CPU LRUs");
        }
        for (int c = 0; c < lrus.length; c++) {
            if (isolated[c] && lrus[c].n != 0) violations.add("bh_lru: isolated cpu" + c + " has buffer heads cached");
        }
    }

    static final class Lru {
        @SuppressWarnings("unused") private long p01, p02, p03, p04, p05, p06, p07;
        final int[] bhs = new int[BH_LRU_SIZE];
        int n;
    }
}
