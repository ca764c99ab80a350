package io.qpwscope.trace.lod;

import io.qpwscope.trace.EventType;
import java.util.Arrays;

/**
 * One lane summarised over equal time buckets {@code [t0 + k*bucketNs, t0 + (k+1)*bucketNs)}:
 * what a renderer draws when zoomed out, one column per bucket. Filled by
 * {@link RecordingIndex#summarize}; reusable (arrays grow only when a query needs more buckets),
 * so a frame does not allocate. It also remembers its last query, so the next one on the
 * same lane and grid recomputes only what changed (see {@link RecordingIndex#summarize}).
 * Not thread-safe: one per rendering thread (and one per lane, for the reuse to pay).
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

    // what the last query saw, so the next one can keep buckets nothing new can change
    RecordingIndex index;
    int laneIndexed;
    long laneLastTs;
    long end;
    final int[] holdSizes = new int[io.qpwscope.trace.TraceDescriptor.MAX_CPUS];

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
        for (int t = 0; t < counts.length; t++) counts[t] = grow(counts[t]);
        for (int s = 0; s < stateNs.length; s++) stateNs[s] = grow(stateNs[s]);
        for (int c = 0; c < maxNs.length; c++) maxNs[c] = grow(maxNs[c]);
        dominant = dominant == null ? new byte[capacity] : Arrays.copyOf(dominant, capacity);
        heldBy = heldBy == null ? new byte[capacity] : Arrays.copyOf(heldBy, capacity);
        topOwnNs = grow(topOwnNs);
        bestHeld = grow(bestHeld);
        holderNs = grow(holderNs);
    }

    private int[] grow(int[] a) {
        return a == null ? new int[capacity] : Arrays.copyOf(a, capacity);
    }

    private long[] grow(long[] a) {
        return a == null ? new long[capacity] : Arrays.copyOf(a, capacity);
    }

    /** Moves n buckets from index {@code from} to {@code to}, for a grid of {@code buckets}. */
    void move(int from, int to, int n, int buckets) {
        ensureCapacity(Math.max(buckets, from + n));
        for (int[] a : counts) System.arraycopy(a, from, a, to, n);
        for (long[] a : stateNs) System.arraycopy(a, from, a, to, n);
        for (long[] a : maxNs) System.arraycopy(a, from, a, to, n);
        System.arraycopy(dominant, from, dominant, to, n);
        System.arraycopy(heldBy, from, heldBy, to, n);
        System.arraycopy(topOwnNs, from, topOwnNs, to, n);
        System.arraycopy(bestHeld, from, bestHeld, to, n);
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
