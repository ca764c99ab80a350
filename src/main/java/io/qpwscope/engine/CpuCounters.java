package io.qpwscope.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one emulated CPU. Fields written by the CPU's own thread only use opaque
 * stores (single writer; readers on other threads use opaque loads and accept a value a
 * little stale). Counters bumped by other CPUs (work queued to this CPU, this CPU's lock
 * taken remotely) are atomics: they change at drain rate, not fast-path rate.
 */
public final class CpuCounters {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    public static final int LOCAL_LOCK_OPS = 0;
    public static final int REMOTE_LOCK_OPS = 1;
    public static final int WORK_EXECUTED_ON = 2;
    public static final int INTERRUPTIONS = 3;
    public static final int NOISE_COUNT = 4;
    public static final int NOISE_MAX_NS = 5;
    public static final int NOISE_TOTAL_NS = 6;
    public static final int LOCK_WAIT_MAX_NS = 7;
    public static final int LOCK_WAIT_TOTAL_NS = 8;
    public static final int INTERRUPTION_MAX_NS = 9;
    public static final int INTERRUPTION_TOTAL_NS = 10;
    public static final int LAST_INTERRUPTION_NS = 11;
    public static final int TRYLOCK_FAILURES = 12;
    public static final int WORK_EXECUTED_INLINE = 13;
    public static final int FAST_PATH_OPS_QPW0 = 14;
    public static final int FAST_PATH_NS_QPW0 = 15;
    public static final int FAST_PATH_OPS_QPW1 = 16;
    public static final int FAST_PATH_NS_QPW1 = 17;
    public static final int TASK_LOOPS = 18;
    public static final int FLUSH_WAIT_MAX_NS = 19;
    public static final int SPIN_WAITS = 20;
    /** Largest noise gap minus its host share (steal + pause). */
    public static final int NOISE_MAX_KERNEL_NS = 21;
    /** Sum of noise gaps minus their host shares. */
    public static final int NOISE_KERNEL_TOTAL_NS = 22;
    /** Largest spin-wait minus its host share (see SpinSplit). */
    public static final int SPIN_WAIT_MAX_KERNEL_NS = 23;
    static final int COUNT = 24;
    // Padding at both ends of the array: 8 longs = 64 bytes, so neighbouring CPUs' arrays do not share a line.
    private static final int PAD = 8;

    private final long[] v = new long[COUNT + 2 * PAD];
    final AtomicLong workQueuedTo = new AtomicLong();
    final AtomicLong lockedByRemote = new AtomicLong();

    /** Owner thread only. */
    public void add(int field, long delta) {
        int i = PAD + field;
        LONGS.setOpaque(v, i, v[i] + delta); // opaque: single writer, readers need no ordering
    }

    /** Owner thread only. */
    public void max(int field, long value) {
        int i = PAD + field;
        if (value > v[i]) LONGS.setOpaque(v, i, value);
    }

    /** Owner thread only. */
    public void set(int field, long value) {
        LONGS.setOpaque(v, PAD + field, value);
    }

    /** Any thread. */
    public long get(int field) {
        return (long) LONGS.getOpaque(v, PAD + field);
    }

    public long workQueuedTo() {
        return workQueuedTo.get();
    }

    /** Another CPU took this CPU's per-CPU lock (called by that CPU). */
    public void countLockedByRemote() {
        lockedByRemote.incrementAndGet();
    }

    public long lockedByRemote() {
        return lockedByRemote.get();
    }
}
