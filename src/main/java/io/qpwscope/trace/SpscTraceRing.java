package io.qpwscope.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Single-producer (one CPU thread) single-consumer (the collector) ring of fixed-size trace
 * records (see {@link TraceDescriptor}). The writer never blocks and never allocates: when
 * the ring is full the record is dropped and counted as an overrun, like ftrace's per-CPU
 * buffers when the reader falls behind.
 */
public final class SpscTraceRing {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle OVERRUNS;
    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(SpscTraceRing.class, "head", long.class);
            TAIL = l.findVarHandle(SpscTraceRing.class, "tail", long.class);
            OVERRUNS = l.findVarHandle(SpscTraceRing.class, "overruns", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] buffer;
    private final int mask;
    private final int capacity;

    // Padding keeps the producer's tail and the consumer's head on different cache lines
    // (64-byte lines; 7 longs = 56 bytes either side of each hot field).
    @SuppressWarnings("unused") private long p01, p02, p03, p04, p05, p06, p07;
    /** Next record index the producer writes; written by the producer only. */
    private long tail;
    /** Producer-local cache of head, to avoid reading the consumer's line on every offer. */
    private long headCache;
    private long overruns;
    @SuppressWarnings("unused") private long p11, p12, p13, p14, p15, p16, p17;
    /** Next record index the consumer reads; written by the consumer only. */
    private long head;
    @SuppressWarnings("unused") private long p21, p22, p23, p24, p25, p26, p27;

    /** @param capacityRecords power of two number of records. */
    public SpscTraceRing(int capacityRecords) {
        if (Integer.bitCount(capacityRecords) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two: " + capacityRecords);
        }
        this.capacity = capacityRecords;
        this.mask = capacityRecords - 1;
        this.buffer = new long[capacityRecords * TraceDescriptor.RECORD_LONGS];
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Producer only: appends one record, or drops it and counts an overrun if full.
     * @return false if dropped.
     */
    public boolean offer(long ts, long meta, long payload) {
        final long t = tail;
        if (t - headCache >= capacity) {
            return offerSlowPath(t, ts, meta, payload);
        }
        write(t, ts, meta, payload);
        return true;
    }

    private boolean offerSlowPath(long t, long ts, long meta, long payload) {
        headCache = (long) HEAD.getAcquire(this); // acquire: see the consumer's reads as done
        if (t - headCache >= capacity) {
            OVERRUNS.setRelease(this, overruns + 1); // release: collector reads a current count
            return false;
        }
        write(t, ts, meta, payload);
        return true;
    }

    private void write(long t, long ts, long meta, long payload) {
        final long[] b = buffer;
        final int i = (int) (t & mask) * TraceDescriptor.RECORD_LONGS;
        b[i] = ts;
        b[i + 1] = meta;
        b[i + 2] = payload;
        TAIL.setRelease(this, t + 1); // release: the record's three stores are visible before the tail
    }

    /**
     * Consumer only: hands up to {@code max} records to the sink in order.
     * @return how many were drained.
     */
    public int drain(RecordSink sink, int max) {
        final long h = head;
        final long t = (long) TAIL.getAcquire(this); // acquire: records below tail are complete
        final int n = (int) Math.min(t - h, max);
        final long[] b = buffer;
        for (int k = 0; k < n; k++) {
            final int i = (int) ((h + k) & mask) * TraceDescriptor.RECORD_LONGS;
            sink.accept(b[i], b[i + 1], b[i + 2]);
        }
        HEAD.setRelease(this, h + n); // release: the slots are free only after we read them
        return n;
    }

    /**
     * Consumer only: moves up to {@code max} records, in order, straight into a lane with
     * bulk copies (at most two: the ring may wrap) and one publication.
     * @return how many were moved.
     */
    public int drainTo(LaneEvents lane, int max) {
        final long h = head;
        final long t = (long) TAIL.getAcquire(this); // acquire: records below tail are complete
        final int n = (int) Math.min(t - h, max);
        if (n <= 0) return 0;
        final int start = (int) (h & mask);
        final int first = Math.min(n, capacity - start);
        lane.appendRows(buffer, start, first);
        if (n > first) lane.appendRows(buffer, 0, n - first);
        HEAD.setRelease(this, h + n); // release: the slots are free only after we copied them
        return n;
    }

    /** @return records dropped because the ring was full (any thread). */
    public long overruns() {
        return (long) OVERRUNS.getAcquire(this);
    }

    /** @return records currently waiting for the consumer (any thread; approximate). */
    public long backlog() {
        return (long) TAIL.getAcquire(this) - (long) HEAD.getAcquire(this);
    }

    /** Receives drained records. */
    @FunctionalInterface
    public interface RecordSink {
        void accept(long ts, long meta, long payload);
    }
}
