package io.qpwscope.trace.lod;

/**
 * When one CPU ({@code holder}) held any of another CPU's ({@code owner}) per-CPU locks:
 * disjoint intervals in time order (nested acquisitions merged into the outermost), with the
 * held time before each, so "held ns up to x" is a search and a subtraction. Stored in
 * columns per chunk (begins, ends, held before), so a search reads only the ends. One writer
 * (the index builder, from the holder's lane); readers read below {@link #size()}.
 */
final class RemoteHoldSeries {
    private static final int SHIFT = 10;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    /** One chunk of intervals; arrays never move once published. */
    private static final class Chunk {
        final long[] begin = new long[CHUNK];
        final long[] end = new long[CHUNK];
        final long[] heldBefore = new long[CHUNK];
    }

    final int owner;
    final int holder;
    private volatile Chunk[] chunks = new Chunk[4];
    private volatile int size;
    private long totalHeld;
    private long lastEnd = Long.MIN_VALUE;

    RemoteHoldSeries(int owner, int holder) {
        this.owner = owner;
        this.holder = holder;
    }

    int size() {
        return size;
    }

    /**
     * Writer only: appends an interval; a begin before the previous end (a release whose
     * acquisition was lost, reaching back) is moved to that end, so intervals stay disjoint.
     */
    void add(long begin, long end) {
        if (begin < lastEnd) begin = lastEnd;
        if (end <= begin) return;
        lastEnd = end;
        final int n = size;
        final int c = n >>> SHIFT;
        Chunk[] dir = chunks;
        if (c == dir.length) {
            dir = java.util.Arrays.copyOf(dir, dir.length * 2);
            chunks = dir; // volatile write: readers see the old chunks in the new directory
        }
        if (dir[c] == null) dir[c] = new Chunk();
        final Chunk ch = dir[c];
        final int k = n & MASK;
        ch.begin[k] = begin;
        ch.end[k] = end;
        ch.heldBefore[k] = totalHeld;
        totalHeld += end - begin;
        size = n + 1; // volatile write: publishes the interval's three stores
    }

    long begin(int j) {
        return chunks[j >>> SHIFT].begin[j & MASK];
    }

    /** @return the first interval index at or after {@code from} whose end is after x (n if none). */
    int firstEndingAfter(long x, int from, int n) {
        final Chunk[] dir = chunks;
        // a few intervals per bucket is the common case: walk them, then gallop
        final int walkEnd = Math.min(from + 8, n);
        while (from < walkEnd) {
            if (dir[from >>> SHIFT].end[from & MASK] > x) return from;
            from++;
        }
        if (from >= n || dir[from >>> SHIFT].end[from & MASK] > x) return from;
        int bound = 1;
        while (from + bound < n) {
            final int j = from + bound;
            if (dir[j >>> SHIFT].end[j & MASK] > x) break;
            bound <<= 1;
        }
        int lo = from + (bound >>> 1) + 1;
        int hi = Math.min(from + bound, n);
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (dir[mid >>> SHIFT].end[mid & MASK] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** @return the first interval index whose begin is at or after x (n if none). */
    int firstBeginningAtOrAfter(long x, int n) {
        final Chunk[] dir = chunks;
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (dir[mid >>> SHIFT].begin[mid & MASK] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /**
     * Adds to {@code out[b]} the time intervals {@code [from, to)} spend in bucket b of the grid
     * {@code t0 + b * bucketNs}, clipped to {@code [lo, hi)}.
     */
    void spread(int from, int to, long t0, long bucketNs, int buckets, long lo, long hi, long[] out) {
        final Chunk[] dir = chunks;
        for (int j = from; j < to; j++) {
            final Chunk c = dir[j >>> SHIFT];
            final long a = Math.max(c.begin[j & MASK], lo);
            final long z = Math.min(c.end[j & MASK], hi);
            if (z <= a) continue;
            int b = (int) ((a - t0) / bucketNs);
            final int bLast = (int) Math.min(buckets - 1, (z - 1 - t0) / bucketNs);
            for (; b <= bLast; b++) {
                final long bs = t0 + b * bucketNs;
                out[b] += Math.min(z, bs + bucketNs) - Math.max(a, bs);
            }
        }
    }

    /** @return ns held in {@code [-inf, x)}, given j = {@link #firstEndingAfter}(x) over n intervals. */
    long heldUpTo(long x, int j, int n) {
        final Chunk[] dir = chunks;
        if (j >= n) {
            if (n == 0) return 0;
            final Chunk c = dir[(n - 1) >>> SHIFT];
            final int k = (n - 1) & MASK;
            return c.heldBefore[k] + c.end[k] - c.begin[k];
        }
        final Chunk c = dir[j >>> SHIFT];
        final int k = j & MASK;
        final long b = c.begin[k];
        return c.heldBefore[k] + (x > b ? x - b : 0);
    }

    /** @return heap bytes of the stored intervals. */
    long heapBytes() {
        final Chunk[] dir = chunks;
        long n = 64 + 16 + 4L * dir.length;
        for (Chunk c : dir) if (c != null) n += 3L * (16 + 8L * CHUNK) + 24;
        return n;
    }
}
