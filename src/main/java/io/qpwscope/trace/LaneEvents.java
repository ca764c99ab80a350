package io.qpwscope.trace;

/**
 * The events of one CPU lane, in time order, stored column-wise in fixed-size chunks
 * (24 bytes per event: ts, meta, payload). One writer appends (the collector or a file
 * reader); any number of readers may read indices below {@link #size()} concurrently, since
 * chunks once filled are never moved and {@code size} is published with release semantics.
 */
public final class LaneEvents {
    static final int CHUNK_SHIFT = 16;
    static final int CHUNK = 1 << CHUNK_SHIFT;
    static final int CHUNK_MASK = CHUNK - 1;

    private final int cpu;
    private volatile long[][] ts = new long[16][];
    private volatile long[][] meta = new long[16][];
    private volatile long[][] payload = new long[16][];
    /** Published event count: a reader may read every index below it. */
    private volatile int size;

    public LaneEvents(int cpu) {
        this.cpu = cpu;
    }

    public int cpu() {
        return cpu;
    }

    public int size() {
        return size;
    }

    /** Writer only. Events must arrive in non-decreasing ts order. */
    public void append(long t, long m, long p) {
        final int n = size;
        final int c = n >>> CHUNK_SHIFT;
        final int i = n & CHUNK_MASK;
        long[][] tsDir = ts;
        if (i == 0) {
            if (c == tsDir.length) {
                grow();
                tsDir = ts;
            }
            tsDir[c] = new long[CHUNK];
            meta[c] = new long[CHUNK];
            payload[c] = new long[CHUNK];
        }
        tsDir[c][i] = t;
        meta[c][i] = m;
        payload[c][i] = p;
        size = n + 1; // volatile write: publishes the three stores above
    }

    private void grow() {
        int len = ts.length * 2;
        long[][] t2 = java.util.Arrays.copyOf(ts, len);
        long[][] m2 = java.util.Arrays.copyOf(meta, len);
        long[][] p2 = java.util.Arrays.copyOf(payload, len);
        meta = m2;
        payload = p2;
        ts = t2;
    }

    public long ts(int index) {
        return ts[index >>> CHUNK_SHIFT][index & CHUNK_MASK];
    }

    public long meta(int index) {
        return meta[index >>> CHUNK_SHIFT][index & CHUNK_MASK];
    }

    public long payload(int index) {
        return payload[index >>> CHUNK_SHIFT][index & CHUNK_MASK];
    }

    public int type(int index) {
        return TraceDescriptor.type(meta(index));
    }

    /** @return the first index whose ts is {@code >= t} (size() if none), over the published events. */
    public int lowerBound(long t) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts(mid) < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    public long lastTs() {
        int n = size;
        return n == 0 ? 0 : ts(n - 1);
    }

    /** Heap bytes held by the event columns (for the ≤ 32 bytes/event budget). */
    public long heapBytes() {
        long chunks = (size + CHUNK - 1) >>> CHUNK_SHIFT;
        return chunks * 3L * (16 + (long) CHUNK * Long.BYTES) + 3L * (16 + 8L * ts.length);
    }
}
