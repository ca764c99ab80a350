package io.qpwscope.trace.lod;

import io.qpwscope.trace.DrainListener;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;

/**
 * The level-of-detail index the timeline renders from: one {@link LaneIndex} per CPU plus,
 * per CPU, when other CPUs held its per-CPU locks. Built incrementally by one writer thread:
 * the {@link io.qpwscope.trace.TraceCollector} thread (this is a {@link DrainListener}) or
 * whoever fills a recording from a file ({@link #catchUp()} after each chunk). Queries run on
 * any thread concurrently with the writer, each with its own reusable result object, and
 * never scan all events: a summary costs about nBuckets x (one search + up to 64 event
 * steps) per lane.
 *
 * <p>Queries see events up to the index's published count; time after the recording's end
 * ({@link #endTs()}, the latest indexed ts of any lane) has no data; each lane's last state
 * lasts until then.
 */
public final class RecordingIndex implements DrainListener {
    private final Recording recording;
    private final LaneIndex[] lanes;
    /** [owner][holder], created by the writer when first needed. */
    private final RemoteHoldSeries[][] holds;
    /** Per owner: the holders' series so far, copy-on-write, read by queries. */
    private final HolderList[] holderLists;
    private volatile long endTs;
    private Thread writer;

    private static final class HolderList {
        volatile RemoteHoldSeries[] series = new RemoteHoldSeries[0];
    }

    public RecordingIndex(Recording recording) {
        this.recording = recording;
        final int n = recording.cpus();
        this.lanes = new LaneIndex[n];
        this.holds = new RemoteHoldSeries[n][n];
        this.holderLists = new HolderList[n];
        for (int c = 0; c < n; c++) {
            lanes[c] = new LaneIndex(recording.lane(c), n);
            holderLists[c] = new HolderList();
        }
    }

    public Recording recording() {
        return recording;
    }

    public int cpus() {
        return lanes.length;
    }

    // ---------------------------------------------------------------- writer side

    @Override
    public void onEvents(int cpu, LaneEvents lane, int fromIndex, int toIndex) {
        assert sameWriter();
        final LaneIndex li = lanes[cpu];
        li.indexTo(toIndex, this::remoteHold);
        publishEnd(li.lastTs());
    }

    /** Picks up lanes appended before this index listened (a quiet CPU has no batches). */
    @Override
    public void onRoundEnd(long totalOverruns) {
        catchUp();
    }

    @Override
    public void onHalt(long totalOverruns) {
        catchUp();
    }

    /** Writer only: indexes every lane up to its current size. */
    public void catchUp() {
        assert sameWriter();
        for (LaneIndex li : lanes) {
            final int n = li.lane.size();
            if (n > li.indexed()) li.indexTo(n, this::remoteHold);
            publishEnd(li.lastTs());
        }
    }

    private void publishEnd(long ts) {
        if (ts > endTs) endTs = ts; // volatile write, single writer
    }

    private void remoteHold(int owner, int holder, long begin, long end) {
        RemoteHoldSeries s = holds[owner][holder];
        if (s == null) {
            s = new RemoteHoldSeries(owner, holder);
            holds[owner][holder] = s;
            final HolderList hl = holderLists[owner];
            final RemoteHoldSeries[] old = hl.series;
            final RemoteHoldSeries[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = s;
            hl.series = grown; // volatile write: publishes the new series
        }
        s.add(begin, end);
    }

    private boolean sameWriter() {
        final Thread t = Thread.currentThread();
        if (writer == null) writer = t;
        return writer == t;
    }

    // ---------------------------------------------------------------- queries

    /** @return the latest indexed event time over all lanes (the recording's data end). */
    public long endTs() {
        return endTs;
    }

    /** @return events of a lane visible to queries. */
    public int indexedEvents(int cpu) {
        return lanes[cpu].indexed();
    }

    /** @return how many indexed events of a lane have ts in {@code [t0, t1)}. */
    public int eventCount(int cpu, long t0, long t1) {
        final LaneIndex li = lanes[cpu];
        final int n = li.indexed();
        return LaneIndex.lowerBound(li.lane, t1, 0, n) - LaneIndex.lowerBound(li.lane, t0, 0, n);
    }

    /** @return the first indexed event index of a lane with ts {@code >= t}. */
    public int lowerBound(int cpu, long t) {
        final LaneIndex li = lanes[cpu];
        return LaneIndex.lowerBound(li.lane, t, 0, li.indexed());
    }

    /**
     * Summarises a lane over {@code nBuckets} buckets of {@code bucketNs} from {@code t0} into
     * {@code out} (see {@link BucketSummary} for what each bucket holds).
     *
     * <p>{@code out} remembers its last query: asked again for the same lane and bucket size
     * with {@code t0} moved by whole buckets (a renderer that aligns t0 to the bucket size
     * while following live data or panning), it recomputes only the buckets that are new or
     * that data indexed since can have changed, and moves the others.
     */
    public void summarize(int cpu, long t0, long bucketNs, int nBuckets, BucketSummary out) {
        if (bucketNs <= 0 || nBuckets < 0) {
            throw new IllegalArgumentException("summarize: bucketNs must be > 0 and nBuckets >= 0: "
                    + bucketNs + ", " + nBuckets);
        }
        final LaneIndex li = lanes[cpu];
        final int size = li.indexed(); // volatile read first: what the query sees
        final long end = Math.max(endTs, size == 0 ? 0 : li.lane.ts(size - 1));
        final RemoteHoldSeries[] hs = holderLists[cpu].series;

        int keepFrom = 0;
        int keepTo = 0;
        if (out.index == this && out.cpu() == cpu && out.bucketNs() == bucketNs
                && Math.floorMod(t0 - out.t0(), bucketNs) == 0) {
            final long dirty = dirtyFrom(out, size, end, hs);
            final long shift = Math.floorDiv(t0 - out.t0(), bucketNs); // new bucket k = old bucket k + shift
            final long clean = dirty == Long.MAX_VALUE ? out.buckets()
                    : Math.max(0, Math.min(out.buckets(), Math.floorDiv(dirty - out.t0(), bucketNs)));
            final long jFrom = Math.max(0, shift);
            final long jTo = Math.min(clean, shift + nBuckets);
            if (jTo > jFrom) {
                keepFrom = (int) (jFrom - shift);
                keepTo = (int) (jTo - shift);
                out.move((int) jFrom, keepFrom, keepTo - keepFrom, nBuckets);
            }
        }
        out.begin(cpu, t0, bucketNs, nBuckets);
        if (keepTo > keepFrom) {
            summarizeRange(li, hs, out, end, 0, keepFrom);
            summarizeRange(li, hs, out, end, keepTo, nBuckets);
        } else {
            summarizeRange(li, hs, out, end, 0, nBuckets);
        }
        out.index = this;
        out.laneIndexed = size;
        out.laneLastTs = size == 0 ? 0 : li.lane.ts(size - 1);
        out.end = end;
        java.util.Arrays.fill(out.holdSizes, -1);
        for (RemoteHoldSeries h : hs) out.holdSizes[h.holder] = h.size();
    }

    /** @return the earliest time whose buckets data indexed since out's last query may have changed. */
    private static long dirtyFrom(BucketSummary out, int size, long end, RemoteHoldSeries[] hs) {
        long dirty = Long.MAX_VALUE;
        if (size != out.laneIndexed || end != out.end) dirty = out.laneLastTs;
        for (RemoteHoldSeries h : hs) {
            final int before = Math.max(0, out.holdSizes[h.holder]);
            if (h.size() > before) dirty = Math.min(dirty, h.begin(before));
        }
        return dirty;
    }

    /** Fills buckets [kFrom, kTo) of out's grid. */
    private void summarizeRange(LaneIndex li, RemoteHoldSeries[] hs, BucketSummary out, long end, int kFrom, int kTo) {
        if (kTo <= kFrom) return;
        final long bucketNs = out.bucketNs();
        final long t0 = out.bucketStart(kFrom);
        final LaneCursor cur = out.cursor;
        cur.bind(li);
        long x = t0;
        cur.seekTime(x);
        cur.cumAt(clamp(x, end), out.prevCum);
        System.arraycopy(cur.counts, 0, out.prevCounts, 0, LaneWalk.TYPES);

        long[] prev = out.prevCum;
        long[] now = out.curCum;
        for (int b = kFrom; b < kTo; b++) {
            final long x1 = x + bucketNs < x ? Long.MAX_VALUE : x + bucketNs;
            cur.advanceToTime(x1);
            final long xc1 = clamp(x1, end);
            cur.cumAt(xc1, now);

            for (int t = 0; t < LaneWalk.TYPES; t++) {
                out.counts[t][b] = cur.counts[t] - out.prevCounts[t];
                out.prevCounts[t] = cur.counts[t];
            }
            int top = LaneState.NO_DATA;
            long topNs = 0;
            for (int s = 0; s < LaneWalk.STATES; s++) {
                final long ns = now[s] - prev[s];
                out.stateNs[s][b] = ns;
                if (ns > 0 && ns >= topNs) {
                    top = s;
                    topNs = ns;
                }
            }
            out.dominant[b] = (byte) top;
            out.topOwnNs[b] = topNs;
            for (int c = 0; c < DurationChannel.COUNT; c++) {
                final long m = cur.runMax[c];
                out.maxNs[c][b] = m == Long.MIN_VALUE ? 0 : m;
            }
            cur.clearMax();

            final long[] swap = prev;
            prev = now;
            now = swap;
            x = x1;
        }
        summarizeHolds(hs, t0, bucketNs, kFrom, kTo, end, out);
    }

    /**
     * The overlay for buckets [kFrom, kTo) starting at t0: per bucket, the time other CPUs
     * held this CPU's locks (holders added up, capped at the bucket's time in the recording)
     * and who held them longest; then lets it take the dominant state where it exceeds the
     * top own state. A holder with few intervals in the window has them spread over the
     * buckets; one with many is read at each bucket edge.
     */
    private static void summarizeHolds(RemoteHoldSeries[] hs, long t0, long bucketNs, int kFrom, int kTo, long end,
            BucketSummary out) {
        final int n = kTo - kFrom;
        final long[] held = out.stateNs[LaneState.HELD_BY_REMOTE.ordinal()];
        java.util.Arrays.fill(held, kFrom, kTo, 0);
        java.util.Arrays.fill(out.bestHeld, kFrom, kTo, 0);
        java.util.Arrays.fill(out.heldBy, kFrom, kTo, (byte) -1);
        final long lo = clamp(t0, end);
        final long hi = clamp(sat(t0, bucketNs * (long) n, bucketNs, n), end);
        final long[] one = out.holderNs;
        for (RemoteHoldSeries s : hs) {
            final int size = s.size();
            final int j0 = s.firstEndingAfter(lo, 0, size);
            final int j1 = s.firstBeginningAtOrAfter(hi, size);
            if (j1 <= j0) continue;
            java.util.Arrays.fill(one, 0, n, 0);
            if (j1 - j0 <= 16L * n + 16) {
                s.spread(j0, j1, t0, bucketNs, n, lo, hi, one);
            } else {
                long x = t0;
                int pos = j0;
                long upTo = s.heldUpTo(lo, pos, size);
                for (int b = 0; b < n; b++) {
                    final long x1 = x + bucketNs < x ? Long.MAX_VALUE : x + bucketNs;
                    final long xc1 = clamp(x1, end);
                    pos = s.firstEndingAfter(xc1, pos, size);
                    final long next = s.heldUpTo(xc1, pos, size);
                    one[b] = next - upTo;
                    upTo = next;
                    x = x1;
                }
            }
            for (int b = 0; b < n; b++) {
                final long d = one[b];
                if (d == 0) continue;
                final int k = kFrom + b;
                held[k] += d;
                if (d > out.bestHeld[k] || (d == out.bestHeld[k] && s.holder < out.heldBy[k])) {
                    out.bestHeld[k] = d;
                    out.heldBy[k] = (byte) s.holder;
                }
            }
        }
        long x = t0;
        for (int k = kFrom; k < kTo; k++) {
            final long x1 = x + bucketNs < x ? Long.MAX_VALUE : x + bucketNs;
            final long width = clamp(x1, end) - clamp(x, end);
            if (held[k] > width) held[k] = width;
            if (out.dominant[k] != LaneState.NO_DATA && held[k] > out.topOwnNs[k]) {
                out.dominant[k] = (byte) LaneState.HELD_BY_REMOTE.ordinal();
            }
            x = x1;
        }
    }

    private static long clamp(long x, long end) {
        return x < 0 ? 0 : Math.min(x, end);
    }

    /** @return t0 + span, saturated at Long.MAX_VALUE. */
    private static long sat(long t0, long span, long bucketNs, int nBuckets) {
        if (span / nBuckets != bucketNs) return Long.MAX_VALUE;
        final long e = t0 + span;
        return span > 0 && e < t0 ? Long.MAX_VALUE : e;
    }

    /**
     * Fills {@code out} with what CPU {@code cpu} was doing at time t: the state of the time
     * segment containing t (events at exactly t already applied).
     * @return the {@link LaneState} code, or {@link LaneState#NO_DATA} outside the recording
     */
    public int stateAt(int cpu, long t, StateProbe out) {
        final LaneIndex li = lanes[cpu];
        final LaneCursor cur = out.cursor;
        cur.bind(li);
        final LaneEvents lane = li.lane;
        final int size = cur.size;
        final long end = Math.max(endTs, size == 0 ? 0 : lane.ts(size - 1));
        out.heldBy = -1;
        out.heldSince = 0;
        if (t < 0 || t > end || (size == 0 && end == 0)) {
            out.state = LaneState.NO_DATA;
            out.machine = LaneMachine.INITIAL;
            out.eventIndex = -1;
            return out.state;
        }
        if (t == Long.MAX_VALUE) cur.seekIndex(size); else cur.seekTime(t + 1);
        out.eventIndex = cur.pos - 1;
        out.machine = cur.machine;
        out.state = cur.stateAt(t);
        for (RemoteHoldSeries s : holderLists[cpu].series) {
            final int n = s.size();
            final int j = s.firstEndingAfter(t, 0, n);
            if (j < n && s.begin(j) <= t) {
                out.heldBy = s.holder;
                out.heldSince = s.begin(j);
                break;
            }
        }
        return out.state;
    }

    /** Starts an iteration of the intervals of a lane overlapping {@code [t0, t1)}. */
    public void intervals(int cpu, long t0, long t1, LaneIntervals out) {
        out.start(lanes[cpu], t0, t1, Math.max(endTs, 0));
    }

    /** @return heap bytes held by the index (not the events), for the per-event budget. */
    public long heapBytes() {
        long n = 0;
        for (LaneIndex li : lanes) n += li.heapBytes();
        for (HolderList hl : holderLists) n += 16 + 8L * hl.series.length;
        for (RemoteHoldSeries[] row : holds) {
            for (RemoteHoldSeries s : row) if (s != null) n += s.heapBytes();
        }
        return n;
    }
}
