package io.qpwscope.ui.timeline.index;

import java.util.Arrays;

/**
 * Column store of derived intervals of one lane, appended in order of their end time (the
 * trace record that closes an interval carries its end ts). Written and read on the FX
 * thread only.
 *
 * <pre>
 *  start[i]  end[i]   kind | peer+1 &lt;&lt; 8 | fn &lt;&lt; 16 | flags &lt;&lt; 24   value[i]    src[i]
 *  (ns)      (ns)     attr[i]                                    (seq/aux)   (event index)
 * </pre>
 *
 * <p>Rows are numbered absolutely, like the recording's events: under a live recording's
 * rolling window the oldest rows are dropped ({@link #dropBefore(int)}), rows
 * [{@link #first()}, {@link #size()}) stay readable under the numbers they were added with.
 * The columns are compacted only once the dropped rows outnumber the held ones, so dropping
 * costs O(1) amortised per row.
 */
public final class SpanTable {
    /** Compact when at least this many rows are dropped and they are as many as the held ones. */
    static final int MIN_COMPACT = 256;

    private long[] start = new long[256];
    private long[] end = new long[256];
    private int[] attr = new int[256];
    private long[] value = new long[256];
    private int[] src = new int[256];
    /** Absolute number of the row in slot 0. */
    private int base;
    /** Absolute number of the oldest row still held (base &lt;= first &lt;= size()). */
    private int first;
    /** Rows in the arrays, dropped-but-not-compacted ones included. */
    private int count;
    private long maxDuration;

    public static int attr(SpanKind kind, int peer, int fn, int flags) {
        return kind.ordinal() | ((peer + 1) & 0xFF) << 8 | (fn & 0xFF) << 16 | (flags & 0xFF) << 24;
    }

    public void add(long s, long e, int a, long v, int srcIndex) {
        if (count == start.length) grow();
        start[count] = s;
        end[count] = e;
        attr[count] = a;
        value[count] = v;
        src[count] = srcIndex;
        count++;
        if (e - s > maxDuration) maxDuration = e - s;
    }

    private void grow() {
        int n = Math.max(256, count * 2);
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        attr = Arrays.copyOf(attr, n);
        value = Arrays.copyOf(value, n);
        src = Arrays.copyOf(src, n);
    }

    /** @return one past the newest row (an absolute row number). */
    public int size() { return base + count; }

    /** @return the oldest row still held. */
    public int first() { return first; }

    /** @return rows held in memory (dropped rows not yet compacted included). */
    public int held() { return count; }

    /** @return the capacity of the columns, in rows. */
    public int capacity() { return start.length; }

    public long start(int i) { return start[i - base]; }

    public long end(int i) { return end[i - base]; }

    public SpanKind kind(int i) { return SpanKind.of(attr[i - base] & 0xFF); }

    public int kindOrdinal(int i) { return attr[i - base] & 0xFF; }

    public int peer(int i) { return (attr[i - base] >>> 8 & 0xFF) - 1; }

    public int fn(int i) { return attr[i - base] >>> 16 & 0xFF; }

    public int flags(int i) { return attr[i - base] >>> 24 & 0xFF; }

    public long value(int i) { return value[i - base]; }

    public int src(int i) { return src[i - base]; }

    /** Longest interval held: queries for spans overlapping t start at end &gt;= t. */
    public long maxDuration() { return maxDuration; }

    /**
     * Drops the rows closed by an event below {@code firstEvent} (rows are in order of their
     * closing event). Row numbers of the rest do not change.
     * @return the new {@link #first()}
     */
    int dropBefore(int firstEvent) {
        int n = size();
        while (first < n && src[first - base] < firstEvent) first++;
        int dropped = first - base;
        if (dropped >= MIN_COMPACT && dropped >= count - dropped) compact(dropped);
        return first;
    }

    private void compact(int dropped) {
        int keep = count - dropped;
        System.arraycopy(start, dropped, start, 0, keep);
        System.arraycopy(end, dropped, end, 0, keep);
        System.arraycopy(attr, dropped, attr, 0, keep);
        System.arraycopy(value, dropped, value, 0, keep);
        System.arraycopy(src, dropped, src, 0, keep);
        base = first;
        count = keep;
        long max = 0;
        for (int k = 0; k < keep; k++) max = Math.max(max, end[k] - start[k]);
        maxDuration = max;
        int cap = Math.max(256, Integer.highestOneBit(Math.max(1, keep)) << 2);
        if (cap < start.length) {
            start = Arrays.copyOf(start, cap);
            end = Arrays.copyOf(end, cap);
            attr = Arrays.copyOf(attr, cap);
            value = Arrays.copyOf(value, cap);
            src = Arrays.copyOf(src, cap);
        }
    }

    /** @return first held row whose end is {@code >= t}. */
    public int firstEndingAtOrAfter(long t) {
        int lo = first - base, hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end[mid] < t) lo = mid + 1; else hi = mid;
        }
        return base + lo;
    }

    /**
     * @return one past the last row that can overlap [.., t1]: spans are sorted by end, and
     *         none is longer than {@link #maxDuration()}, so any span ending after
     *         {@code t1 + maxDuration} starts after t1.
     */
    public int limitFor(long t1) {
        long bound = t1 + maxDuration;
        if (bound < t1) bound = Long.MAX_VALUE;
        int lo = first - base, hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end[mid] <= bound) lo = mid + 1; else hi = mid;
        }
        return base + lo;
    }
}
