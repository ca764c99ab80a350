package io.qpwscope.engine.spec;

/** The task's scheduling policy; a SCHED_FIFO task is never preempted by a normal kworker. */
public enum SchedPolicy {
    SCHED_OTHER, SCHED_FIFO
}
