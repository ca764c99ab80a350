package io.qpwscope.ui.timeline.index;

import java.util.Arrays;

/**
 * WORK_QUEUED records of one lane in ts order, each linked (once its WORK_START has been
 * indexed) to the lane and time where the work began to run: the two ends of a work arrow.
 * FX thread only.
 *
 * <p>Rows are numbered absolutely; under a rolling window the oldest are dropped
 * ({@link #dropBefore}) and compacted in bulk, as in {@link SpanTable}.
 */
public final class QueueTable {
    /** Start lane of a work item whose WORK_START has not been seen yet. */
    public static final int PENDING = -1;
    /** Start lane of a work item whose start may lie in a skipped gap: never linked, not drawn. */
    public static final int LOST = -2;

    private long[] queuedTs = new long[64];
    private long[] seq = new long[64];
    private int[] target = new int[64];
    private int[] fn = new int[64];
    private int[] src = new int[64];
    private int[] startLane = new int[64];
    private long[] startTs = new long[64];
    private boolean[] inline = new boolean[64];
    /** Absolute number of the row in slot 0. */
    private int base;
    /** Oldest row still held. */
    private int first;
    /** Rows in the arrays (dropped-but-not-compacted ones included). */
    private int count;
    private int firstPending;

    public int add(long ts, long sequence, int targetCpu, int site, int srcIndex) {
        if (count == queuedTs.length) grow(Math.max(64, count * 2));
        queuedTs[count] = ts;
        seq[count] = sequence;
        target[count] = targetCpu;
        fn[count] = site;
        src[count] = srcIndex;
        startLane[count] = PENDING;
        startTs[count] = Long.MAX_VALUE;
        inline[count] = false;
        return base + count++;
    }

    public void link(int i, int lane, long ts, boolean inlineRun) {
        startLane[i - base] = lane;
        startTs[i - base] = ts;
        inline[i - base] = inlineRun;
    }

    private void grow(int n) {
        queuedTs = Arrays.copyOf(queuedTs, n);
        seq = Arrays.copyOf(seq, n);
        target = Arrays.copyOf(target, n);
        fn = Arrays.copyOf(fn, n);
        src = Arrays.copyOf(src, n);
        startLane = Arrays.copyOf(startLane, n);
        startTs = Arrays.copyOf(startTs, n);
        inline = Arrays.copyOf(inline, n);
    }

    /** @return one past the newest row (an absolute row number). */
    public int size() { return base + count; }

    /** @return the oldest row still held. */
    public int first() { return first; }

    /** @return rows held in memory (dropped rows not yet compacted included). */
    public int held() { return count; }

    /** @return the lowest held row whose work has not started yet (size() if none). Amortised O(1). */
    public int firstPending() {
        if (firstPending < first) firstPending = first;
        int n = size();
        while (firstPending < n && startLane[firstPending - base] != PENDING) firstPending++;
        return firstPending;
    }

    public long queuedTs(int i) { return queuedTs[i - base]; }

    public long seq(int i) { return seq[i - base]; }

    public int target(int i) { return target[i - base]; }

    public int fn(int i) { return fn[i - base]; }

    public int src(int i) { return src[i - base]; }

    /** @return lane where the work started, or {@link #PENDING}. */
    public int startLane(int i) { return startLane[i - base]; }

    /** @return ts of WORK_START, or Long.MAX_VALUE while pending. */
    public long startTs(int i) { return startTs[i - base]; }

    public boolean inline(int i) { return inline[i - base]; }

    void markLost(int i) {
        startLane[i - base] = LOST;
    }

    /** Marks every pending row as {@link #LOST} (after a gap: its start may have been skipped). */
    void abandonPending() {
        int n = size();
        for (int i = firstPending(); i < n; i++) if (startLane[i - base] == PENDING) startLane[i - base] = LOST;
    }

    /**
     * Drops the rows queued by an event below {@code firstEvent}; a row still pending is
     * handed to {@code pending} (its seq) so that nothing waits for it any more.
     */
    void dropBefore(int firstEvent, java.util.function.LongConsumer pending) {
        int n = size();
        while (first < n && src[first - base] < firstEvent) {
            if (startLane[first - base] == PENDING) pending.accept(seq[first - base]);
            first++;
        }
        int dropped = first - base;
        if (dropped >= SpanTable.MIN_COMPACT && dropped >= count - dropped) compact(dropped);
    }

    private void compact(int dropped) {
        int keep = count - dropped;
        System.arraycopy(queuedTs, dropped, queuedTs, 0, keep);
        System.arraycopy(seq, dropped, seq, 0, keep);
        System.arraycopy(target, dropped, target, 0, keep);
        System.arraycopy(fn, dropped, fn, 0, keep);
        System.arraycopy(src, dropped, src, 0, keep);
        System.arraycopy(startLane, dropped, startLane, 0, keep);
        System.arraycopy(startTs, dropped, startTs, 0, keep);
        System.arraycopy(inline, dropped, inline, 0, keep);
        base = first;
        count = keep;
        int cap = Math.max(64, Integer.highestOneBit(Math.max(1, keep)) << 2);
        if (cap < queuedTs.length) grow(cap);
    }

    /** @return first held row whose queued ts is {@code >= t}. */
    public int lowerBound(long t) {
        int lo = first - base, hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (queuedTs[mid] < t) lo = mid + 1; else hi = mid;
        }
        return base + lo;
    }
}
