package io.qpwscope.engine;

import io.qpwscope.trace.TraceDescriptor;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What one emulated CPU is executing, for PREEMPT_RT's sleeping locks: a stack of contexts
 * (the task at depth 0; a command, the kworker or a preempting task pushed above it when the
 * CPU switches to them on the same thread), each with its scheduling priority and a priority
 * inheritance boost, and whether the top context is blocked.
 *
 * <p>An rt_mutex waiter asks {@link #running(int)}: is the owner's context the one this CPU
 * executes right now? Only then does it spin (rtmutex.c's owner_on_cpu()).
 *
 * <p>Priorities are the kernel's {@code prio}: lower is more urgent; SCHED_FIFO priority p is
 * {@code 99 - p}, a normal task is {@value #PRIO_NORMAL}. The owning thread pushes and pops;
 * boosts and blocked-on records are written by waiters under the machine's PI lock
 * ({@code RtSpinlock}); other threads read everything racily.
 */
public final class CpuContexts {
    public static final int PRIO_NORMAL = 120;
    /** No boost. */
    public static final int NO_BOOST = Integer.MAX_VALUE;
    static final int MAX_DEPTH = 8;

    private final int cpu;
    private final AtomicIntegerArray prio = new AtomicIntegerArray(MAX_DEPTH);
    private final AtomicIntegerArray kind = new AtomicIntegerArray(MAX_DEPTH);
    private final AtomicIntegerArray boost = new AtomicIntegerArray(MAX_DEPTH);
    /** Per depth: an unreported boost, (waiter cpu + 1) << 32 | prio; 0 = none. */
    private final AtomicLongArray boostNote = new AtomicLongArray(MAX_DEPTH);
    /** Per depth: the rt_mutex waiter record this context is queued as, or null. */
    private final AtomicReferenceArray<Object> waitingOn = new AtomicReferenceArray<>(MAX_DEPTH);
    /** Owner thread only: the sleeping locks this CPU's contexts hold, in the order taken. */
    private Object[] held = new Object[4];
    private int heldCount;
    /** depth << 1 | blocked */
    private volatile int state;

    CpuContexts(int cpu, int taskPrio, int taskKind) {
        this.cpu = cpu;
        for (int d = 0; d < MAX_DEPTH; d++) boost.set(d, NO_BOOST);
        prio.set(0, taskPrio);
        kind.set(0, taskKind);
    }

    /** The kernel prio of a task: SCHED_FIFO priority p is 99 - p, anything else {@value #PRIO_NORMAL}. */
    public static int kernelPrio(boolean fifo, int rtPriority) {
        return fifo ? 99 - Math.max(1, Math.min(99, rtPriority)) : PRIO_NORMAL;
    }

    public int cpu() {
        return cpu;
    }

    /** The context now executing. */
    public int depth() {
        return state >> 1;
    }

    /** Owner thread: the CPU switches to a new context (a command, its kworker, a preempting task). */
    void push(int contextPrio, int contextKind) {
        int d = depth() + 1;
        if (d >= MAX_DEPTH) throw new IllegalStateException("cpu" + cpu + ": contexts nested deeper than " + MAX_DEPTH);
        prio.set(d, contextPrio);
        kind.set(d, contextKind);
        boost.set(d, NO_BOOST);
        boostNote.set(d, 0);
        waitingOn.set(d, null);
        state = d << 1;
    }

    /** Owner thread: the context on top ended; the one below runs again. */
    void pop() {
        int d = depth();
        if (d == 0) throw new IllegalStateException("cpu" + cpu + ": context stack underflow");
        state = (d - 1) << 1;
    }

    /** Owner thread: the context now executing blocks (schedule() with nothing to switch to) or wakes. */
    public void setBlocked(boolean blocked) {
        int d = depth();
        state = d << 1 | (blocked ? 1 : 0);
    }

    /** Any thread: is context {@code d} executing on its CPU right now (not preempted, not blocked)? */
    public boolean running(int d) {
        return state == d << 1;
    }

    /** The context's own priority. */
    public int basePrio(int d) {
        return prio.get(d);
    }

    /** TraceDescriptor TASK_* kind of the context (for LOCK_BLOCK's aux). */
    public int kind(int d) {
        return kind.get(d);
    }

    /** min(own priority, boost). */
    public int effectivePrio(int d) {
        return Math.min(prio.get(d), boost.get(d));
    }

    public int boost(int d) {
        return boost.get(d);
    }

    /** Under the PI lock: sets the boost of context d, and notes it for the owner's trace. */
    public void setBoost(int d, int boostPrio, int waiterCpu) {
        boost.set(d, boostPrio);
        if (boostPrio != NO_BOOST) boostNote.set(d, (long) (waiterCpu + 1) << 32 | (boostPrio & 0xFFFF_FFFFL));
    }

    /** Owner thread: takes the unreported boost of context d: (waiter cpu + 1) << 32 | prio, or 0. */
    public long takeBoostNote(int d) {
        return boostNote.get(d) == 0 ? 0 : boostNote.getAndSet(d, 0);
    }

    /** Under the PI lock: the waiter record context d is queued as (null: it waits for nothing). */
    public void setWaitingOn(int d, Object waiter) {
        waitingOn.set(d, waiter);
    }

    public Object waitingOn(int d) {
        return waitingOn.get(d);
    }

    /** Owner thread: a sleeping lock was taken. */
    public void addHeld(Object lock) {
        if (heldCount == held.length) held = Arrays.copyOf(held, 2 * heldCount);
        held[heldCount++] = lock;
    }

    /** Owner thread: a sleeping lock was released (most often the last one taken). */
    public void removeHeld(Object lock) {
        for (int i = heldCount - 1; i >= 0; i--) {
            if (held[i] == lock) {
                System.arraycopy(held, i + 1, held, i, heldCount - 1 - i);
                held[--heldCount] = null;
                return;
            }
        }
    }

    /** Owner thread: the i-th sleeping lock held (any context of this CPU), i &lt; {@link #heldCount()}. */
    public Object held(int i) {
        return held[i];
    }

    public int heldCount() {
        return heldCount;
    }

    static int taskKind(Task t) {
        return t.idle() ? TraceDescriptor.TASK_IDLE : TraceDescriptor.TASK_USER;
    }
}
