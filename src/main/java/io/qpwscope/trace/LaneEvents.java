package io.qpwscope.trace;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The events of one CPU lane, in time order, in fixed-size off-heap chunks of 24-byte rows
 * (ts, meta, payload: {@link TraceDescriptor}). Off-heap because a recording of tens of
 * millions of events must not be copied by every young GC (a 500 MB recording on the heap
 * stalled the engine's threads for ~100 ms per collection); chunks are freed by the GC when
 * the recording becomes unreachable ({@link Arena#ofAuto()}).
 *
 * <p>One writer appends (the collector or a file reader); any number of readers may read
 * indices below {@link #size()} concurrently: chunks once filled are never moved, and
 * {@code size} is published with a volatile write after the row's three stores.
 */
public final class LaneEvents {
    static final int CHUNK_SHIFT = 16;
    static final int CHUNK = 1 << CHUNK_SHIFT;
    static final int CHUNK_MASK = CHUNK - 1;
    private static final long ROW = TraceDescriptor.RECORD_BYTES;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private final int cpu;
    private volatile MemorySegment[] chunks = new MemorySegment[16];
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
        MemorySegment[] dir = chunks;
        if ((n & CHUNK_MASK) == 0) {
            if (c == dir.length) {
                dir = Arrays.copyOf(dir, dir.length * 2);
                chunks = dir; // volatile write: readers see the longer directory (old one stays valid)
            }
            dir[c] = Arena.ofAuto().allocate(CHUNK * ROW, Long.BYTES);
        }
        final MemorySegment s = dir[c];
        final long off = (n & CHUNK_MASK) * ROW;
        s.set(LONG, off, t);
        s.set(LONG, off + TraceDescriptor.META_OFFSET, m);
        s.set(LONG, off + TraceDescriptor.PAYLOAD_OFFSET, p);
        size = n + 1; // volatile write: publishes the three stores above
    }

    /**
     * Writer only: appends {@code count} rows laid out as in a {@link SpscTraceRing} buffer
     * (ts, meta, payload per row) starting at row {@code fromRow}, with one bulk copy per
     * chunk and one publication for the whole batch.
     */
    public void appendRows(long[] rows, int fromRow, int count) {
        int n = size;
        int done = 0;
        MemorySegment[] dir = chunks;
        while (done < count) {
            final int c = n >>> CHUNK_SHIFT;
            final int i = n & CHUNK_MASK;
            if (i == 0) {
                if (c == dir.length) {
                    dir = Arrays.copyOf(dir, dir.length * 2);
                    chunks = dir; // volatile write: readers see the longer directory (old one stays valid)
                }
                dir[c] = Arena.ofAuto().allocate(CHUNK * ROW, Long.BYTES);
            }
            final int k = Math.min(count - done, CHUNK - i);
            MemorySegment.copy(rows, (fromRow + done) * TraceDescriptor.RECORD_LONGS, dir[c], LONG, i * ROW,
                    k * TraceDescriptor.RECORD_LONGS);
            n += k;
            done += k;
        }
        size = n; // volatile write: publishes every row copied above
    }

    /**
     * Copies rows {@code [from, from + count)} (below {@link #size()}) into {@code dst} from row
     * {@code dstRow}, 3 longs per row (ts, meta, payload): one bulk copy per chunk, for readers
     * that walk many consecutive events.
     */
    public void readRows(int from, long[] dst, int dstRow, int count) {
        final MemorySegment[] dir = chunks;
        int done = 0;
        while (done < count) {
            final int n = from + done;
            final int i = n & CHUNK_MASK;
            final int k = Math.min(count - done, CHUNK - i);
            MemorySegment.copy(dir[n >>> CHUNK_SHIFT], LONG, i * ROW, dst, (dstRow + done) * TraceDescriptor.RECORD_LONGS,
                    k * TraceDescriptor.RECORD_LONGS);
            done += k;
        }
    }

    public long ts(int index) {
        return chunks[index >>> CHUNK_SHIFT].get(LONG, (index & CHUNK_MASK) * ROW);
    }

    public long meta(int index) {
        return chunks[index >>> CHUNK_SHIFT].get(LONG, (index & CHUNK_MASK) * ROW + TraceDescriptor.META_OFFSET);
    }

    public long payload(int index) {
        return chunks[index >>> CHUNK_SHIFT].get(LONG, (index & CHUNK_MASK) * ROW + TraceDescriptor.PAYLOAD_OFFSET);
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

    /** Heap bytes held for the events: the chunk directory only (rows live off-heap). */
    public long heapBytes() {
        return 16 + 8L * chunks.length + 32L * ((size + CHUNK - 1) >>> CHUNK_SHIFT);
    }

    /** Off-heap bytes held by the rows. */
    public long offHeapBytes() {
        return ((long) (size + CHUNK - 1) >>> CHUNK_SHIFT) * CHUNK * ROW;
    }
}
