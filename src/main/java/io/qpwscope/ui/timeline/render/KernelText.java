package io.qpwscope.ui.timeline.render;

import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.trace.Trigger;
import java.util.List;

/** Kernel-side wording for hover cards and details: call chains, lock forms, both spellings. */
public final class KernelText {
    private KernelText() {}

    /** What the kernel does when a trigger fires. */
    public static String chain(Trigger t) {
        return switch (t) {
            case FLUSHBUFS -> "BLKFLSBUF → invalidate_bdev() → invalidate_bh_lrus() (an IPI to each CPU with buffer heads,"
                    + " on_each_cpu_cond) + lru_add_drain_all() (bh drained in lru_add_drain_per_cpu with CONFIG_QPW=n,"
                    + " its own queue_work_on item with the series)";
            case KMEM_CACHE_SHRINK -> "kmem_cache_shrink() → flush_all() → flush_cpu_sheaves on each CPU";
            case LRU_DRAIN_ALL -> "lru_cache_disable() → __lru_add_drain_all(force_all_cpus): never coalesces";
            case MLOCK -> "mlock_folio() → mlock_fbatch of this CPU";
            case MEMCG_DRAIN -> "memory.max / memory.high write or charge-limit reclaim → drain_all_stock(): this CPU"
                    + " drained in place, others by schedule_work_on, isolated CPUs skipped";
            case NONE -> "-";
        };
    }

    /** Lock form from LOCK_* flags: "spin_lock_irqsave", "local_trylock", ... */
    public static String lockForm(int flags) {
        boolean spin = (flags & TraceDescriptor.LOCK_SPIN) != 0;
        StringBuilder b = new StringBuilder(spin ? "spin_" : "local_");
        b.append((flags & TraceDescriptor.LOCK_TRYLOCK) != 0 ? "trylock" : "lock");
        if ((flags & TraceDescriptor.LOCK_IRQSAVE) != 0) b.append("_irqsave");
        if ((flags & TraceDescriptor.LOCK_LOCAL_VARIANT) != 0) b.append(" (local_qpw_lock form)");
        return b.toString();
    }

    /** Both spellings of a site's call, for readers of v3 and v4 of the series. */
    public static List<String> calls(Site s) {
        if (s == Site.NONE) return List.of();
        if (s.v3Call.equals(s.v4Call)) return List.of(s.v3Call + "  (not converted by QPW)");
        return List.of("v3: " + s.v3Call, "v4: " + s.v4Call);
    }
}
