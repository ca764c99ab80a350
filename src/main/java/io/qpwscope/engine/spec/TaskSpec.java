package io.qpwscope.engine.spec;

/**
 * The task each CPU of {@code cpuMask} runs.
 *
 * @param cpuMask         bit n = CPU n runs this task
 * @param kind            which loop
 * @param policy          scheduling policy
 * @param priority        1..99 for SCHED_FIFO, 0 otherwise
 * @param objectSize      kmalloc size in bytes (KMALLOC)
 * @param opsPerLoop      allocations (KMALLOC) or folios (LRU_ADD) per loop iteration, at least 1
 * @param writeBeforeLoop the task write()s a file before its loop, leaving folios in its lru_add batch
 * @param writeEveryNs    0 = never; else the task write()s again this often
 * @param loopsPerSec     0 = flat out; else at most this many loops per second
 */
public record TaskSpec(long cpuMask, TaskKind kind, SchedPolicy policy, int priority, int objectSize, int opsPerLoop,
                       boolean writeBeforeLoop, long writeEveryNs, long loopsPerSec) {

    public boolean fifo() {
        return policy == SchedPolicy.SCHED_FIFO;
    }

    public boolean runsOn(int cpu) {
        return (cpuMask >>> cpu & 1) != 0;
    }
}
