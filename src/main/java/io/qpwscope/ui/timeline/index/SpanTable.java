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
 */
public final class SpanTable {
    private long[] start = new long[256];
    private long[] end = new long[256];
    private int[] attr = new int[256];
    private long[] value = new long[256];
    private int[] src = new int[256];
    private int size;
    private long maxDuration;

    public static int attr(SpanKind kind, int peer, int fn, int flags) {
        return kind.ordinal() | ((peer + 1) & 0xFF) << 8 | (fn & 0xFF) << 16 | (flags & 0xFF) << 24;
    }

    public void add(long s, long e, int a, long v, int srcIndex) {
        if (size == start.length) grow();
        start[size] = s;
        end[size] = e;
        attr[size] = a;
        value[size] = v;
        src[size] = srcIndex;
        size++;
        if (e - s > maxDuration) maxDuration = e - s;
    }

    private void grow() {
        int n = size * 2;
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        attr = Arrays.copyOf(attr, n);
        value = Arrays.copyOf(value, n);
        src = Arrays.copyOf(src, n);
    }

    public int size() { return size; }

    public long start(int i) { return start[i]; }

    public long end(int i) { return end[i]; }

    public SpanKind kind(int i) { return SpanKind.of(attr[i] & 0xFF); }

    public int kindOrdinal(int i) { return attr[i] & 0xFF; }

    public int peer(int i) { return (attr[i] >>> 8 & 0xFF) - 1; }

    public int fn(int i) { return attr[i] >>> 16 & 0xFF; }

    public int flags(int i) { return attr[i] >>> 24 & 0xFF; }

    public long value(int i) { return value[i]; }

    public int src(int i) { return src[i]; }

    /** Longest interval so far: queries for spans overlapping t start at end &gt;= t. */
    public long maxDuration() { return maxDuration; }

    /** @return first index whose end is {@code >= t}. */
    public int firstEndingAtOrAfter(long t) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end[mid] < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /**
     * @return one past the last index that can overlap [.., t1]: spans are sorted by end, and
     *         none is longer than {@link #maxDuration()}, so any span ending after
     *         {@code t1 + maxDuration} starts after t1.
     */
    public int limitFor(long t1) {
        long bound = t1 + maxDuration;
        if (bound < t1) bound = Long.MAX_VALUE;
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end[mid] <= bound) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
