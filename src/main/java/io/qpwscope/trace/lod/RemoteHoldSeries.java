package io.qpwscope.trace.lod;

/**
 * When one CPU ({@code holder}) held any of another CPU's ({@code owner}) per-CPU locks:
 * disjoint intervals in time order (nested acquisitions merged into the outermost), with the
 * held time before each, so "held ns up to x" is a search and a subtraction. One writer
 * (the index builder, from the holder's lane); readers read below {@link #size()}.
 */
final class RemoteHoldSeries {
    private static final int SHIFT = 10;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    final int owner;
    final int holder;
    /** Per chunk: begin, end, held ns before the interval, interleaved (3 longs each). */
    private volatile long[][] chunks = new long[4][];
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
        long[][] dir = chunks;
        if (c == dir.length) {
            dir = java.util.Arrays.copyOf(dir, dir.length * 2);
            chunks = dir;
        }
        if (dir[c] == null) dir[c] = new long[CHUNK * 3];
        final int k = (n & MASK) * 3;
        dir[c][k] = begin;
        dir[c][k + 1] = end;
        dir[c][k + 2] = totalHeld;
        totalHeld += end - begin;
        size = n + 1; // volatile write: publishes the interval's three stores
    }

    long begin(int j) {
        return chunks[j >>> SHIFT][(j & MASK) * 3];
    }

    long end(int j) {
        return chunks[j >>> SHIFT][(j & MASK) * 3 + 1];
    }

    long heldBefore(int j) {
        return chunks[j >>> SHIFT][(j & MASK) * 3 + 2];
    }

    /** @return the first interval index at or after {@code from} whose end is after x (n if none). */
    int firstEndingAfter(long x, int from, int n) {
        if (from >= n || end(from) > x) return from;
        int bound = 1;
        while (from + bound < n && end(from + bound) <= x) bound <<= 1;
        int lo = from + (bound >>> 1) + 1;
        int hi = Math.min(from + bound, n);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end(mid) <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** @return ns held in {@code [-inf, x)}, given j = {@link #firstEndingAfter}(x) over n intervals. */
    long heldUpTo(long x, int j, int n) {
        if (j >= n) {
            return n == 0 ? 0 : heldBefore(n - 1) + end(n - 1) - begin(n - 1);
        }
        final long b = begin(j);
        return heldBefore(j) + (x > b ? x - b : 0);
    }
}
