package io.qpwscope.trace;

/**
 * Layout of one trace record, in the per-CPU rings, in memory and in recording files.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 ts: ns since recording origin (long)          |  0
 *  |                                                               |
 *  +---------------+---------------+---------------+---------------+
 *  |     type      |      cpu      |  peer (+1)    |      fn       |  8  meta (long)
 *  +---------------+---------------+---------------+---------------+
 *  |                        aux (int)                              | 12
 *  +---------------------------------------------------------------+
 *  |                 payload (long)                                | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+  24 bytes
 * </pre>
 *
 * <p>The meta long packs type (bits 56-63), cpu (48-55), peer+1 (40-47, so that -1 "no peer"
 * is 0), fn (32-39) and aux (0-31). Records are written as three longs so the hot path does
 * three plain stores and one release store of the ring's tail.
 */
public final class TraceDescriptor {
    private TraceDescriptor() {}

    public static final int RECORD_LONGS = 3;
    public static final int RECORD_BYTES = RECORD_LONGS * Long.BYTES;
    public static final int TS_OFFSET = 0;
    public static final int META_OFFSET = 8;
    public static final int PAYLOAD_OFFSET = 16;

    /** Maximum number of emulated CPUs (cpu field is one byte, peer one byte offset by one). */
    public static final int MAX_CPUS = 64;

    // LOCK_ACQUIRE / LOCK_RELEASE aux flags
    /** The lock belongs to another CPU than the one taking it. */
    public static final int LOCK_REMOTE = 1;
    /** A real spinlock was taken (qpw=1 or PREEMPT_RT); without it a local_lock (preempt off). */
    public static final int LOCK_SPIN = 1 << 1;
    /** The _irqsave form: interrupts are off while held. */
    public static final int LOCK_IRQSAVE = 1 << 2;
    /** Taken with a trylock form. */
    public static final int LOCK_TRYLOCK = 1 << 3;
    /** local_qpw_lock form (v2+): preempt_disable/migrate_disable + this CPU's lock. */
    public static final int LOCK_LOCAL_VARIANT = 1 << 4;

    // TASK_SWITCH kinds (aux = prev << 8 | next)
    public static final int TASK_IDLE = 0;
    public static final int TASK_USER = 1;
    public static final int TASK_KWORKER = 2;

    public static long meta(EventType type, int cpu, int peer, int fn, int aux) {
        return meta(type.code, cpu, peer, fn, aux);
    }

    public static long meta(int typeCode, int cpu, int peer, int fn, int aux) {
        return ((long) typeCode << 56)
                | ((long) (cpu & 0xFF) << 48)
                | ((long) ((peer + 1) & 0xFF) << 40)
                | ((long) (fn & 0xFF) << 32)
                | (aux & 0xFFFF_FFFFL);
    }

    public static int type(long meta) { return (int) (meta >>> 56); }
    public static int cpu(long meta) { return (int) (meta >>> 48) & 0xFF; }
    public static int peer(long meta) { return ((int) (meta >>> 40) & 0xFF) - 1; }
    public static int fn(long meta) { return (int) (meta >>> 32) & 0xFF; }
    public static int aux(long meta) { return (int) meta; }

    /** Largest value the 32-bit fields of a HOST_SPLIT record hold (ns): about 4.29 s. */
    public static final long HOST_SPLIT_MAX = 0xFFFF_FFFFL;

    /** HOST_SPLIT payload: steal ns in the low 32 bits, the sample window ns in the high 32 (both saturating). */
    public static long hostSplitPayload(long stealNs, long windowNs) {
        return Math.min(Math.max(0, windowNs), HOST_SPLIT_MAX) << 32 | Math.min(Math.max(0, stealNs), HOST_SPLIT_MAX);
    }

    /** HOST_SPLIT aux: pause ns, saturating at {@link #HOST_SPLIT_MAX}. */
    public static int hostSplitAux(long pauseNs) {
        return (int) Math.min(Math.max(0, pauseNs), HOST_SPLIT_MAX);
    }

    public static long hostSteal(long payload) { return payload & HOST_SPLIT_MAX; }

    public static long hostWindow(long payload) { return payload >>> 32; }

    public static long hostPause(long meta) { return aux(meta) & HOST_SPLIT_MAX; }

    public static String describe(long ts, long meta, long payload) {
        EventType t = EventType.ofCode(type(meta));
        return (t == null ? "type#" + type(meta) : t.label) + " cpu=" + cpu(meta) + " peer=" + peer(meta)
                + " fn=" + Site.ofCode(fn(meta)).kernelName + " aux=" + aux(meta) + " payload=" + payload + " ts=" + ts;
    }
}
