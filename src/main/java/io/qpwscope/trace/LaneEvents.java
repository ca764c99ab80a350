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
 *
 * <p>A live recording with a memory budget rolls like ftrace's overwrite mode: the writer
 * drops the oldest full chunk ({@link #dropOldestChunk()}). Indices stay absolute: events
 * below {@link #firstIndex()} are gone, and a reader asking for one (it looked the index up
 * before the drop) gets the oldest event still held instead — the order of timestamps is
 * kept, nothing throws. A reader that had already fetched a dropped chunk keeps reading valid
 * memory: an {@link Arena#ofAuto()} segment is freed only once nobody references it.
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
    /** Absolute index of the oldest event held (a multiple of CHUNK): events below were dropped. */
    private volatile int firstIndex;

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
            final MemorySegment s = dir[n >>> CHUNK_SHIFT];
            if (s == null) {
                for (int r = 0; r < k; r++) { // dropped rows read as the oldest event held
                    final int o = (dstRow + done + r) * TraceDescriptor.RECORD_LONGS;
                    dst[o] = getDropped(n + r, 0);
                    dst[o + 1] = getDropped(n + r, TraceDescriptor.META_OFFSET);
                    dst[o + 2] = getDropped(n + r, TraceDescriptor.PAYLOAD_OFFSET);
                }
            } else {
                MemorySegment.copy(s, LONG, i * ROW, dst, (dstRow + done) * TraceDescriptor.RECORD_LONGS,
                        k * TraceDescriptor.RECORD_LONGS);
            }
            done += k;
        }
    }

    public long ts(int index) {
        return get(index, 0);
    }

    public long meta(int index) {
        return get(index, TraceDescriptor.META_OFFSET);
    }

    public long payload(int index) {
        return get(index, TraceDescriptor.PAYLOAD_OFFSET);
    }

    private long get(int index, long field) {
        final MemorySegment s = chunks[index >>> CHUNK_SHIFT];
        if (s == null) return getDropped(index, field);
        return s.get(LONG, (index & CHUNK_MASK) * ROW + field);
    }

    /** The index was dropped (or is being dropped): the oldest event still held answers. */
    private long getDropped(int index, long field) {
        while (true) {
            final int i = Math.max(index, firstIndex);
            if (i >= size) throw new IndexOutOfBoundsException("event " + index + " of lane " + cpu + " (size " + size + ")");
            final MemorySegment s = chunks[i >>> CHUNK_SHIFT];
            if (s != null) return s.get(LONG, (i & CHUNK_MASK) * ROW + field);
            Thread.onSpinWait(); // a drop under way: its firstIndex store is about to be seen
        }
    }

    public int type(int index) {
        return TraceDescriptor.type(meta(index));
    }

    /** @return the first index whose ts is {@code >= t} (size() if none), over the published events. */
    public int lowerBound(long t) {
        int hi = size;
        int lo = Math.min(firstIndex, hi);
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
        return 16 + 8L * chunks.length + 32L * heldChunks();
    }

    /** Off-heap bytes held by the rows (dropped chunks no longer count). */
    public long offHeapBytes() {
        return heldChunks() * CHUNK * ROW;
    }

    private long heldChunks() {
        return ((long) (size + CHUNK - 1) >>> CHUNK_SHIFT) - (firstIndex >>> CHUNK_SHIFT);
    }

    /** Absolute index of the oldest event still held; 0 until a chunk was dropped. */
    public int firstIndex() {
        return firstIndex;
    }

    /** Events dropped from the front of the lane (they are {@code [0, firstIndex())}). */
    public long droppedEvents() {
        return firstIndex;
    }

    /** @return ts of the oldest event held, or 0 when empty */
    public long firstTs() {
        final int f = firstIndex;
        return f < size ? ts(f) : 0;
    }

    /** @return true if the oldest chunk is full and not the one holding the newest event */
    public boolean canDrop() {
        final int n = size;
        return n > 0 && (firstIndex >>> CHUNK_SHIFT) < ((n - 1) >>> CHUNK_SHIFT);
    }

    /** @return ts of the newest event in the oldest chunk (valid when {@link #canDrop()}) */
    long oldestChunkEndTs() {
        return ts(firstIndex + CHUNK - 1);
    }

    /** Events that {@link #dropOldestChunk()} would drop: {@code [firstIndex(), this)}. */
    public int dropEnd() {
        return firstIndex + CHUNK;
    }

    /**
     * Writer only: forgets the oldest chunk (requires {@link #canDrop()}). Its memory goes when
     * no reader holds it any more (the GC frees an {@link Arena#ofAuto()} segment).
     */
    public void dropOldestChunk() {
        if (!canDrop()) throw new IllegalStateException("lane " + cpu + ": no full chunk to drop");
        final int c = firstIndex >>> CHUNK_SHIFT;
        firstIndex = (c + 1) << CHUNK_SHIFT; // volatile write: readers clamp from here on
        chunks[c] = null; // after: a reader finding null finds firstIndex already past it
    }
}
