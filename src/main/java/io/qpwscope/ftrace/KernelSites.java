package io.qpwscope.ftrace;

import io.qpwscope.trace.Site;

import java.util.Map;

/** Maps the kernel work function names printed by {@code %ps} to the {@link Site}s QPW Scope knows. */
final class KernelSites {
    private KernelSites() {}

    private static final Map<String, Site> BY_FUNCTION = Map.of(
            "lru_add_drain_per_cpu", Site.WORK_LRU_DRAIN,
            "flush_cpu_sheaves", Site.WORK_SLUB_FLUSH,
            "flush_cpu_slab", Site.WORK_SLUB_FLUSH,
            "invalidate_bh_lru", Site.WORK_BH_LRU,
            "invalidate_bh_lrus", Site.WORK_BH_LRU,
            "drain_local_stock", Site.WORK_MEMCG_DRAIN,
            "drain_local_memcg_stock", Site.WORK_MEMCG_DRAIN,
            "drain_local_obj_stock", Site.WORK_MEMCG_DRAIN);

    /** @return the site of a work function ({@code name}, {@code name+0x10/0x40} or {@code name [mod]}), or NONE */
    static Site of(String function) {
        if (function == null) return Site.NONE;
        int end = 0;
        while (end < function.length() && function.charAt(end) != '+' && function.charAt(end) != ' '
                && function.charAt(end) != '.') end++;
        return BY_FUNCTION.getOrDefault(function.substring(0, end), Site.NONE);
    }
}
