package io.qpwscope.engine;

/** What a CPU runs between preemption points (its user task). */
public interface Task {
    /** Called once on the CPU's thread before the loop (e.g. the reproducer's write()). */
    default void init(Cpu self) {}

    /** One loop iteration; the CPU reaches a preemption point after it. */
    void step(Cpu self);

    /** Called once on the CPU's thread after the loop, to give back what the task holds. */
    default void exit(Cpu self) {}

    /** An idle CPU has no task: work runs at once and is not an interruption. */
    default boolean idle() {
        return false;
    }

    /** SCHED_FIFO: kworkers (normal priority) cannot preempt it. */
    boolean fifo();

    /** Short name for summaries ("rt-loop", "kmalloc", ...). */
    String name();
}
