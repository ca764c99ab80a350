package io.qpwscope.engine;

/** What a CPU runs between preemption points (its user task). */
public interface Task {
    /** Called once on the CPU's thread before the loop (e.g. the reproducer's write()). */
    default void init(Cpu self) {}

    /** One loop iteration; the CPU reaches a preemption point after it. */
    void step(Cpu self);

    /** Called once on the CPU's thread after the loop, to give back what the task holds. */
    default void exit(Cpu self) {}

    /** Pacing: 0 = flat out; else the task blocks so that one iteration takes at least this long. */
    default long loopPeriodNs() {
        return 0;
    }

    /** Called when the task runs again after blocking (its own gap is not noise). */
    default void resumed(Cpu self) {}

    /** An idle CPU has no task: work runs at once and is not an interruption. */
    default boolean idle() {
        return false;
    }

    /** SCHED_FIFO: kworkers (normal priority) cannot preempt it. */
    boolean fifo();

    /** The kernel prio (lower is more urgent): what PREEMPT_RT's priority inheritance compares. */
    default int prio() {
        return CpuContexts.kernelPrio(fifo(), 1);
    }

    /**
     * Its step takes no lock: the CPU may run a step on top of a preempted holder of a
     * PREEMPT_RT sleeping lock (see {@link Cpu#preemptionPoint()}).
     */
    default boolean lockFree() {
        return false;
    }

    /** Short name for summaries ("rt-loop", "kmalloc", ...). */
    String name();
}
