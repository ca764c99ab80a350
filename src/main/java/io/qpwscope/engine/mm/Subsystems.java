package io.qpwscope.engine.mm;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.Machine;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Trigger;

import java.util.List;

/** The converted (and not converted) subsystems' per-CPU data of one machine, and the triggers. */
public final class Subsystems {
    public final SlabCache slab;
    public final LruCache lru;
    public final BhLru bh;
    public final MemcgStock memcg;
    private final PerCpuAccess access = new PerCpuAccess();

    public Subsystems(Machine m, int cpus) {
        boolean[] isolated = new boolean[cpus];
        for (int c = 0; c < cpus; c++) isolated[c] = m.boot().isolated(c);
        this.slab = new SlabCache(m.qpw, cpus, access);
        this.bh = new BhLru(m.qpw, cpus, isolated);
        this.memcg = new MemcgStock(m.qpw, cpus, isolated);
        this.lru = new LruCache(m.qpw, cpus, bh, memcg, access);
    }

    /** Runs a trigger as a process on {@code self} would, tracing its start and end. */
    public void run(Trigger t, Cpu self) {
        long t0 = self.now();
        self.trace(t0, EventType.TRIGGER, -1, t.code, 0, 0);
        switch (t) {
            case FLUSHBUFS -> { // ioctl(BLKFLSBUF) -> invalidate_bdev() (block/bdev.c)
                bh.invalidateBhLrus(self); // on_each_cpu_cond(has_bh_in_lru, ...): IPIs
                lru.lruAddDrainAll(self);
            }
            case KMEM_CACHE_SHRINK -> slab.flushAll(self);
            case LRU_DRAIN_ALL -> lru.lruAddDrainAllForced(self); // lru_cache_disable(): __lru_add_drain_all(true)
            case MLOCK -> lru.mlock(self, 64);
            case MEMCG_DRAIN -> memcg.drainAllStock(self);
            case NONE -> { }
        }
        long t1 = self.now();
        self.trace(t1, EventType.TRIGGER, -1, t.code, 1, t1 - t0);
    }

    /** Conservation checks; call only when every CPU has stopped. */
    public void checkInvariants(long slabObjectsHeldByTasks, List<String> violations) {
        slab.checkInvariant(slabObjectsHeldByTasks, violations);
        lru.checkInvariant(violations);
        bh.checkInvariant(violations);
        memcg.checkInvariant(lru.liveFolios(), violations);
        if (access.violations() > 0) {
            violations.add("per-CPU data touched without its lock " + access.violations() + " time(s); first: " + access.first());
        }
    }
}
