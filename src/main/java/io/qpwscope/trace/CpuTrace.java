package io.qpwscope.trace;

/**
 * The hot-path front end one emulated CPU's thread writes its trace through: a clock read
 * relative to the recording origin and a record append to that CPU's {@link SpscTraceRing}
 * with the CPU number already packed into the meta word. No allocation, no lock; a full
 * ring drops the record and counts an overrun instead of blocking the CPU.
 *
 * <p>Single writer: only the CPU's own thread may call {@link #emit}. A thread that takes
 * over while the owner is quiesced (stop_machine style, with a happens-before edge both
 * ways) calls {@link #rebindWriter()} first; with assertions on, anything else fails fast.
 */
public final class CpuTrace {
    private final int cpu;
    private final SpscTraceRing ring;
    /** meta bits 48-55 (the cpu field), or-ed into every record. */
    private final long cpuBits;
    private final long originNanos;
    private Thread writer;

    /**
     * @param cpu         emulated CPU number, 0..{@link TraceDescriptor#MAX_CPUS}-1
     * @param ring        this CPU's ring; the collector drains it into lane {@code cpu}
     * @param originNanos the {@link System#nanoTime()} reading that is ts = 0
     */
    public CpuTrace(int cpu, SpscTraceRing ring, long originNanos) {
        if (cpu < 0 || cpu >= TraceDescriptor.MAX_CPUS) {
            throw new IllegalArgumentException("cpu out of range 0.." + (TraceDescriptor.MAX_CPUS - 1) + ": " + cpu);
        }
        this.cpu = cpu;
        this.ring = ring;
        this.cpuBits = (long) cpu << 48;
        this.originNanos = originNanos;
    }

    public int cpu() {
        return cpu;
    }

    public SpscTraceRing ring() {
        return ring;
    }

    /** @return ns since the recording origin; share one reading between coinciding events. */
    public long now() {
        return System.nanoTime() - originNanos;
    }

    /**
     * Appends one record (see {@link EventType} for what peer, fn, aux and payload mean per type).
     *
     * @param peer another CPU, or -1 for none
     * @return false if the ring was full and the record was dropped (counted as an overrun)
     */
    public boolean emit(long ts, EventType type, int peer, int fn, int aux, long payload) {
        assert sameWriter() : "cpu/" + cpu + " trace written by " + Thread.currentThread().getName();
        return ring.offer(ts,
                cpuBits
                        | ((long) type.code << 56)
                        | ((long) ((peer + 1) & 0xFF) << 40)
                        | ((long) (fn & 0xFF) << 32)
                        | (aux & 0xFFFF_FFFFL),
                payload);
    }

    /** Lets the calling thread become this CPU's writer (the previous one must be quiesced). */
    public void rebindWriter() {
        writer = Thread.currentThread();
    }

    private boolean sameWriter() {
        Thread t = Thread.currentThread();
        if (writer == null) writer = t;
        return writer == t;
    }
}
