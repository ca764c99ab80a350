package io.qpwscope.trace;

/** Things a user or a scenario can make the emulated kernel do. Codes are file format. */
public enum Trigger {
    NONE(0, "-", "-"),
    /** BLKFLSBUF ioctl: invalidate_bdev() -> lru_add_drain_all() + invalidate_bh_lrus(). */
    FLUSHBUFS(1, "flushbufs", "blockdev --flushbufs /dev/sdX"),
    /** echo 1 > /sys/kernel/slab/kmalloc-64/shrink: flush_all() of the cache's sheaves. */
    KMEM_CACHE_SHRINK(2, "kmem_cache_shrink", "echo 1 > /sys/kernel/slab/kmalloc-64/shrink"),
    /** lru_cache_disable() (CMA / alloc_contig_range): a bare lru_add_drain_all(). */
    LRU_DRAIN_ALL(3, "lru_add_drain_all", "lru_cache_disable()"),
    /** mlock(2) of a range: mlock_folio batches on the calling CPU. */
    MLOCK(4, "mlock", "mlock(addr, len)"),
    /**
     * drain_all_stock(): charge-limit reclaim (try_charge_memcg) or a write to memory.high /
     * memory.max below the usage; memory.reclaim does not call it.
     */
    MEMCG_DRAIN(5, "drain_all_stock", "echo N > memory.max (drain_all_stock)");

    private static final Trigger[] BY_CODE;
    static {
        Trigger[] v = values();
        BY_CODE = new Trigger[v.length];
        for (Trigger t : v) BY_CODE[t.code] = t;
    }

    public final int code;
    /** Name used in scenarios and on the command line. */
    public final String id;
    /** What a user would type on a real machine to cause it. */
    public final String command;

    Trigger(int code, String id, String command) {
        this.code = code;
        this.id = id;
        this.command = command;
    }

    public static Trigger ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : NONE;
    }

    /** @return the trigger with this scenario id, or null. */
    public static Trigger ofId(String id) {
        for (Trigger t : values()) if (t.id.equals(id)) return t;
        return null;
    }
}
