package io.qpwscope.engine.mm;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.Machine;
import io.qpwscope.engine.qpw.CpuHaltedException;
import io.qpwscope.engine.qpw.Qpw;
import io.qpwscope.engine.qpw.QpwStruct;
import io.qpwscope.trace.Site;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fs/buffer.c bh_lrus: 16 buffer_head references per CPU, touched with interrupts off
 * (bh_lru_lock). Since 2023 bh_lru_install() skips isolated CPUs, so their LRU stays empty
 * and nothing is ever sent to them (has_bh_in_lru() is false). Three ways to empty them:
 * <ul>
 *   <li>{@link #invalidateBhLrus}: invalidate_bh_lrus(), what invalidate_bdev() calls, in every
 *       config: on_each_cpu_cond(has_bh_in_lru, invalidate_bh_lru, NULL, 1) — an IPI to each
 *       CPU with buffer heads, run at once (the caller's own CPU with interrupts off), the
 *       caller spinning until all have run.</li>
 *   <li>{@link #invalidateBhLrusCpu}: invalidate_bh_lrus_cpu(), inside mainline's
 *       lru_add_drain_per_cpu (CONFIG_QPW=n), which also counts has_bh_in_lru in
 *       cpu_needs_drain.</li>
 *   <li>{@link #queueDrains}: with the series (CONFIG_QPW=y) bh draining is its own work item,
 *       still sent with queue_work_on (not converted).</li>
 * </ul>
 */
public final class BhLru {
    static final int BH_LRU_SIZE = 16;

    private final Qpw qpw;
    private final Lru[] lrus;
    private final QpwStruct[] work;
    private final boolean[] isolated;
    private final AtomicLong refsTaken = new AtomicLong();
    private final AtomicLong refsDropped = new AtomicLong();
    private final AtomicLong ipisSent = new AtomicLong();

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

    /**
     * invalidate_bh_lrus(): on_each_cpu_cond(has_bh_in_lru, invalidate_bh_lru, NULL, 1). The
     * caller's own CPU runs it in place with interrupts off; every other CPU with buffer heads
     * gets an IPI; the caller waits (csd_lock_wait: spinning, preemption off, interrupts on).
     * @return IPIs sent
     */
    public int invalidateBhLrus(Cpu self) {
        Machine m = self.machine();
        int n = lrus.length;
        AtomicInteger pending = new AtomicInteger();
        boolean[] sent = new boolean[n];
        self.preemptDisable();
        try {
            for (int cpu = 0; cpu < n; cpu++) {
                if (cpu == self.id() || !hasBhInLru(cpu)) continue;
                pending.incrementAndGet();
                sent[cpu] = true;
                ipisSent.incrementAndGet();
                m.cpu(cpu).sendIpi(target -> {
                    invalidateBhLru(target);
                    pending.decrementAndGet();
                });
            }
            if (hasBhInLru(self.id())) {
                boolean flags = self.irqSave();
                invalidateBhLru(self);
                self.irqRestore(flags);
            }
            int spins = 0;
            while (pending.get() > 0) {
                self.handleIpis();
                if (m.failed()) throw new CpuHaltedException(self + " stopped waiting for IPIs: the engine failed");
                for (int cpu = 0; cpu < n; cpu++) {
                    if (sent[cpu] && !m.cpu(cpu).hasThread()) m.cpu(cpu).handleIpis(); // a CPU with no thread of its own
                }
                if (++spins > 64) Thread.yield();
                else Thread.onSpinWait();
            }
            if (spins > 0) self.waitEnded();
        } finally {
            self.preemptEnable();
        }
        int count = 0;
        for (boolean b : sent) if (b) count++;
        return count;
    }

    /** invalidate_bh_lrus_cpu(): this CPU's LRU, under bh_lru_lock (interrupts off). */
    void invalidateBhLrusCpu(Cpu self) {
        boolean flags = self.irqSave();
        invalidateBhLru(self);
        self.irqRestore(flags);
    }

    /** IPIs invalidate_bh_lrus() sent so far. */
    public long ipisSent() {
        return ipisSent.get();
    }

    /** With the series: queue the bh drain, its own work item, on every CPU that has buffer heads cached. */
    boolean[] queueDrains(Cpu self) {
        boolean[] has = new boolean[lrus.length];
        for (int cpu = 0; cpu < lrus.length; cpu++) {
            if (!hasBhInLru(cpu)) continue;
            QpwStruct w = work[cpu];
            w.init((c, x) -> invalidateBhLrusCpu(c), cpu);
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

    /** invalidate_bh_lru / __invalidate_bh_lrus: on the owning CPU, interrupts already off. */
    private void invalidateBhLru(Cpu self) {
        if (!self.irqsDisabled()) throw new IllegalStateException(self + ": bh_lrus touched with interrupts on");
        Lru l = lrus[self.id()];
        refsDropped.addAndGet(l.n);
        l.n = 0;
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
