package io.qpwscope.engine.spec;

/** What a CPU runs (one task per CPU). */
public enum TaskKind {
    /** The seed's reproducer: a tight loop that measures its own gaps (osnoise-style). */
    RT_LOOP,
    /** kmalloc/kfree in a loop: the SLUB per-CPU fast path. */
    KMALLOC,
    /** folio_add_lru in a loop: the per-CPU lru_add batch. */
    LRU_ADD,
    /** Nothing: the CPU only runs kworkers. */
    IDLE
}
