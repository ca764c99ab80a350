package io.qpwscope.trace.lod;

import io.qpwscope.trace.EventType;

/**
 * One lane summarised over equal time buckets {@code [t0 + k*bucketNs, t0 + (k+1)*bucketNs)}:
 * what a renderer draws when zoomed out, one column per bucket. Filled by
 * {@link RecordingIndex#summarize}; reusable (arrays grow only when a query needs more buckets),
 * so a frame does not allocate. Not thread-safe: one per rendering thread.
 *
 * <p>Per bucket: events per {@link EventType} (by ts), ns in each {@link LaneState} (own
 * states partition the bucket's time within the recording; {@link LaneState#HELD_BY_REMOTE}
 * is the overlay), the dominant state (most ns; ties go to the higher state code; the
 * overlay wins only with strictly more ns than the top own state; {@link LaneState#NO_DATA}
 * for a bucket wholly outside the recording), the maximum duration per
 * {@link DurationChannel} among events ending in the bucket (0 if none), and the CPU that
 * held this CPU's locks longest in it (-1 if none; ties go to the lower CPU). The overlay's
 * ns are the holders' times added up, at most the bucket's time in the recording.
 */
public final class BucketSummary {
    private int capacity;
    private int buckets;
    private int cpu = -1;
    private long t0;
    private long bucketNs;
    final int[][] counts = new int[LaneWalk.TYPES][];
    final long[][] stateNs = new long[LaneState.COUNT][];
    final long[][] maxNs = new long[DurationChannel.COUNT][];
    byte[] dominant;
    byte[] heldBy;

    // scratch for the query: reused so a frame allocates nothing
    final LaneCursor cursor = new LaneCursor();
    final long[] prevCum = new long[LaneWalk.STATES];
    final long[] curCum = new long[LaneWalk.STATES];
    final int[] prevCounts = new int[LaneWalk.TYPES];
    /** Per bucket: ns of the top own state; then ns of the holder held longest. */
    long[] topOwnNs;
    long[] bestHeld;
    /** Per bucket: one holder's held ns, while holders are summed one at a time. */
    long[] holderNs;

    public BucketSummary() {
        ensureCapacity(0);
    }

    void ensureCapacity(int n) {
        if (n <= capacity && dominant != null) return;
        capacity = Math.max(n, 16);
        for (int t = 0; t < counts.length; t++) counts[t] = new int[capacity];
        for (int s = 0; s < stateNs.length; s++) stateNs[s] = new long[capacity];
        for (int c = 0; c < maxNs.length; c++) maxNs[c] = new long[capacity];
        dominant = new byte[capacity];
        heldBy = new byte[capacity];
        topOwnNs = new long[capacity];
        bestHeld = new long[capacity];
        holderNs = new long[capacity];
    }

    void begin(int cpu, long t0, long bucketNs, int buckets) {
        ensureCapacity(buckets);
        this.cpu = cpu;
        this.t0 = t0;
        this.bucketNs = bucketNs;
        this.buckets = buckets;
    }

    public int cpu() { return cpu; }
    public long t0() { return t0; }
    public long bucketNs() { return bucketNs; }
    public int buckets() { return buckets; }

    /** @return start time of bucket b. */
    public long bucketStart(int b) {
        return t0 + b * bucketNs;
    }

    public int count(EventType type, int b) {
        return counts[type.code][b];
    }

    /** @return all events in bucket b. */
    public int events(int b) {
        int n = 0;
        for (int[] c : counts) n += c[b];
        return n;
    }

    public long stateNs(LaneState s, int b) {
        return stateNs[s.ordinal()][b];
    }

    /** @return a {@link LaneState} code, or {@link LaneState#NO_DATA}. */
    public int dominant(int b) {
        return dominant[b];
    }

    /** @return the longest duration of this channel's events ending in bucket b, 0 if none. */
    public long maxNs(DurationChannel c, int b) {
        return maxNs[c.ordinal()][b];
    }

    /** @return the CPU that held this CPU's per-CPU locks longest in bucket b, or -1. */
    public int heldBy(int b) {
        return heldBy[b];
    }
}
