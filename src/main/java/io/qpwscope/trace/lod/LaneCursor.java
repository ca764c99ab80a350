package io.qpwscope.trace.lod;

import io.qpwscope.trace.TraceDescriptor;

/**
 * A reader's walk over one lane's index: jumps through block snapshots (found by searching
 * the snapshots' last ts, on the heap) and steps through at most one block of events (read
 * with one bulk copy), collecting the {@link DurationChannel} maxima of the events it passes
 * (from block maxima where whole blocks are skipped). Reusable; one per reading thread.
 */
final class LaneCursor extends LaneWalk {
    final long[] runMax = new long[DurationChannel.COUNT];
    final RowBuffer rows = new RowBuffer();
    LaneIndex li;
    /** Events visible to this query (the index's count when it began). */
    int size;

    void bind(LaneIndex li) {
        this.li = li;
        this.size = li.indexed(); // volatile read: everything the index published up to here is visible
        rows.bind(li.lane, size);
    }

    void clearMax() {
        java.util.Arrays.fill(runMax, Long.MIN_VALUE);
    }

    /** @return the largest block b in [from, size/64] whose snapshot's last ts is below x (b = from if none). */
    private int blockBefore(long x, int from) {
        final int last = size >>> LaneIndex.BLOCK_SHIFT;
        int lo = from;
        int bound = 1;
        while (lo + bound <= last && li.snapshotLastTs(lo + bound) < x) bound <<= 1;
        int a = lo + (bound >>> 1);
        int z = Math.min(lo + bound - 1, last);
        while (a < z) {
            final int mid = (a + z + 1) >>> 1;
            if (li.snapshotLastTs(mid) < x) a = mid; else z = mid - 1;
        }
        return a;
    }

    /** Positions at the first event with ts &gt;= x (the walk then holds everything before x). */
    void seekTime(long x) {
        li.load(blockBefore(x, 0), this);
        while (pos < size && rows.ts(pos) < x) step(rows.ts(pos), rows.meta(pos), rows.payload(pos));
        clearMax();
    }

    /** Positions at event index i (0..size). */
    void seekIndex(int i) {
        li.load(i >>> LaneIndex.BLOCK_SHIFT, this);
        while (pos < i) step(rows.ts(pos), rows.meta(pos), rows.payload(pos));
        clearMax();
    }

    /**
     * Moves forward to the first event with ts &gt;= x (x not before the current position's
     * time), folding into {@link #runMax} the maxima of every event passed.
     */
    void advanceToTime(long x) {
        final int cb = pos >>> LaneIndex.BLOCK_SHIFT;
        final int b = blockBefore(x, cb);
        if (b > cb) {
            scanMax(pos, Math.min((cb + 1) << LaneIndex.BLOCK_SHIFT, size));
            li.blockMax(cb + 1, b, runMax);
            li.load(b, this);
        }
        while (pos < size) {
            final int i = pos;
            final long ts = rows.ts(i);
            if (ts >= x) break;
            final long meta = rows.meta(i);
            final long p = rows.payload(i);
            step(ts, meta, p);
            final int c = DurationChannel.OF_TYPE[TraceDescriptor.type(meta)];
            if (c >= 0 && p > runMax[c]) runMax[c] = p;
        }
    }

    /** Maxima only (no sums) over events [from, to): reads just the meta word of most events. */
    private void scanMax(int from, int to) {
        for (int k = from; k < to; k++) {
            final int c = DurationChannel.OF_TYPE[TraceDescriptor.type(rows.meta(k))];
            if (c >= 0) {
                final long p = rows.payload(k);
                if (p > runMax[c]) runMax[c] = p;
            }
        }
    }

    /** Sums up to time x (&gt;= lastTs, not after the next event). */
    void cumAt(long x, long[] out) {
        final int i = pos;
        if (i < size) cumAt(x, true, rows.ts(i), rows.meta(i), rows.payload(i), out);
        else cumAt(x, false, 0, 0, 0, out);
    }

    /** The own state at time x (&gt;= lastTs, before the next event). */
    int stateAt(long x) {
        final int i = pos;
        if (i < size) return stateAt(x, true, rows.ts(i), rows.meta(i), rows.payload(i));
        return stateAt(x, false, 0, 0, 0);
    }
}
