package io.qpwscope.trace;

/**
 * Per-CPU locks and work functions of the converted kernel subsystems, with their kernel
 * names in the v3 spelling (qpw_*) and the v4 spelling (pw_*). Codes are part of the file
 * format: never renumber, only append.
 */
public enum Site {
    NONE(0, "-", "-", "-"),
    /** mm/swap.c cpu_fbatches.lock (lru_add, lru_deactivate*, lru_lazyfree, lru_activate). */
    LRU_FBATCHES(1, "cpu_fbatches.lock", "qpw_lock(&cpu_fbatches.lock, cpu)", "pw_lock(&cpu_fbatches.lock, cpu)"),
    /** mm/mlock.c mlock_fbatch.lock. */
    MLOCK_FBATCH(2, "mlock_fbatch.lock", "qpw_lock(&mlock_fbatch.lock, cpu)", "pw_lock(&mlock_fbatch.lock, cpu)"),
    /** SLUB slub_percpu_sheaves.lock (a qpw_trylock_t). */
    SLUB_SHEAVES(3, "slub_percpu_sheaves.lock", "qpw_trylock(&s->cpu_sheaves->lock, cpu)", "pw_trylock(&s->cpu_sheaves->lock, cpu)"),
    /** fs/buffer.c bh_lrus: irqs off, not converted. */
    BH_LRU(4, "bh_lrus (irqs off)", "local_irq_save", "local_irq_save"),
    /** memcg per-CPU stock (mainline local_lock, not converted). */
    MEMCG_STOCK(5, "memcg_stock.lock", "local_lock(&memcg_stock.lock)", "local_lock(&memcg_stock.lock)"),
    /** Work: lru_add_drain_per_cpu (drains lru and mlock batches of qpw_get_cpu(w)). */
    WORK_LRU_DRAIN(6, "lru_add_drain_per_cpu", "queue_percpu_work_on(cpu, mm_percpu_wq, &lru_add_drain_work)", "pw_queue_on(cpu, mm_percpu_wq, &lru_add_drain_work)"),
    /** Work: SLUB flush_cpu_sheaves (pcs_flush_all(s, cpu)). */
    WORK_SLUB_FLUSH(7, "flush_cpu_sheaves", "queue_percpu_work_on(cpu, flushwq, &sfw->qpw)", "pw_queue_on(cpu, flushwq, &sfw->pw)"),
    /** Work: invalidate_bh_lru, still queue_work_on (not converted). */
    WORK_BH_LRU(8, "invalidate_bh_lru", "queue_work_on(cpu, system_wq, &bh_lru_work)", "queue_work_on(cpu, system_wq, &bh_lru_work)"),
    /** Work: drain_local_stock (memcg), skipped for isolated CPUs. */
    WORK_MEMCG_DRAIN(9, "drain_local_stock", "queue_work_on(cpu, system_wq, &stock->work)", "queue_work_on(cpu, system_wq, &stock->work)");

    private static final Site[] BY_CODE;
    static {
        Site[] v = values();
        BY_CODE = new Site[v.length];
        for (Site s : v) BY_CODE[s.code] = s;
    }

    public final int code;
    public final String kernelName;
    public final String v3Call;
    public final String v4Call;

    Site(int code, String kernelName, String v3Call, String v4Call) {
        this.code = code;
        this.kernelName = kernelName;
        this.v3Call = v3Call;
        this.v4Call = v4Call;
    }

    public static Site ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : NONE;
    }
}
