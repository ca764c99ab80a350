package io.qpwscope.ui.timeline.index;

import java.util.Arrays;

/**
 * WORK_QUEUED records of one lane in ts order, each linked (once its WORK_START has been
 * indexed) to the lane and time where the work began to run: the two ends of a work arrow.
 * FX thread only.
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
    private int size;
    private int firstPending;

    public int add(long ts, long sequence, int targetCpu, int site, int srcIndex) {
        if (size == queuedTs.length) grow();
        queuedTs[size] = ts;
        seq[size] = sequence;
        target[size] = targetCpu;
        fn[size] = site;
        src[size] = srcIndex;
        startLane[size] = PENDING;
        startTs[size] = Long.MAX_VALUE;
        return size++;
    }

    public void link(int i, int lane, long ts, boolean inlineRun) {
        startLane[i] = lane;
        startTs[i] = ts;
        inline[i] = inlineRun;
    }

    private void grow() {
        int n = size * 2;
        queuedTs = Arrays.copyOf(queuedTs, n);
        seq = Arrays.copyOf(seq, n);
        target = Arrays.copyOf(target, n);
        fn = Arrays.copyOf(fn, n);
        src = Arrays.copyOf(src, n);
        startLane = Arrays.copyOf(startLane, n);
        startTs = Arrays.copyOf(startTs, n);
        inline = Arrays.copyOf(inline, n);
    }

    public int size() { return size; }

    /** @return the lowest row whose work has not started yet (size() if none). Amortised O(1). */
    public int firstPending() {
        while (firstPending < size && startLane[firstPending] != PENDING) firstPending++;
        return firstPending;
    }

    public long queuedTs(int i) { return queuedTs[i]; }

    public long seq(int i) { return seq[i]; }

    public int target(int i) { return target[i]; }

    public int fn(int i) { return fn[i]; }

    public int src(int i) { return src[i]; }

    /** @return lane where the work started, or {@link #PENDING}. */
    public int startLane(int i) { return startLane[i]; }

    /** @return ts of WORK_START, or Long.MAX_VALUE while pending. */
    public long startTs(int i) { return startTs[i]; }

    public boolean inline(int i) { return inline[i]; }

    void markLost(int i) {
        startLane[i] = LOST;
    }

    /** Marks every pending row as {@link #LOST} (after a gap: its start may have been skipped). */
    void abandonPending() {
        for (int i = firstPending(); i < size; i++) if (startLane[i] == PENDING) startLane[i] = LOST;
    }

    /** @return first index whose queued ts is {@code >= t}. */
    public int lowerBound(long t) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (queuedTs[mid] < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
