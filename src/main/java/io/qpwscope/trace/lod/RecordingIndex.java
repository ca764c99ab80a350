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
     */
    public void summarize(int cpu, long t0, long bucketNs, int nBuckets, BucketSummary out) {
        if (bucketNs <= 0 || nBuckets < 0) {
            throw new IllegalArgumentException("summarize: bucketNs must be > 0 and nBuckets >= 0: "
                    + bucketNs + ", " + nBuckets);
        }
        out.begin(cpu, t0, bucketNs, nBuckets);
        final LaneIndex li = lanes[cpu];
        final LaneCursor cur = out.cursor;
        cur.bind(li);
        final LaneEvents lane = li.lane;
        final int size = cur.size;
        final long end = Math.max(endTs, size == 0 ? 0 : lane.ts(size - 1));
        final RemoteHoldSeries[] hs = holderLists[cpu].series;

        long x = t0;
        int i = LaneIndex.lowerBound(lane, x, 0, size);
        cur.seek(i);
        long xc = clamp(x, end);
        cur.cumAt(xc, lane, i < size ? i : -1, out.prevCum);
        System.arraycopy(cur.counts, 0, out.prevCounts, 0, LaneWalk.TYPES);
        for (int h = 0; h < hs.length; h++) {
            final int n = hs[h].size();
            out.holdPos[h] = hs[h].firstEndingAfter(xc, 0, n);
            out.holdPrev[h] = hs[h].heldUpTo(xc, out.holdPos[h], n);
        }

        long[] prev = out.prevCum;
        long[] now = out.curCum;
        for (int b = 0; b < nBuckets; b++) {
            final long x1 = x + bucketNs < x ? Long.MAX_VALUE : x + bucketNs;
            i = LaneIndex.gallop(lane, x1, cur.pos, size);
            cur.advanceTo(i);
            final long xc1 = clamp(x1, end);
            cur.cumAt(xc1, lane, i < size ? i : -1, now);

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
            for (int c = 0; c < DurationChannel.COUNT; c++) {
                final long m = cur.runMax[c];
                out.maxNs[c][b] = m == Long.MIN_VALUE ? 0 : m;
            }
            cur.clearMax();

            long held = 0;
            long bestHeld = 0;
            int holder = -1;
            for (int h = 0; h < hs.length; h++) {
                final RemoteHoldSeries s = hs[h];
                final int n = s.size();
                final int pos = s.firstEndingAfter(xc1, out.holdPos[h], n);
                final long upTo = s.heldUpTo(xc1, pos, n);
                final long d = upTo - out.holdPrev[h];
                out.holdPos[h] = pos;
                out.holdPrev[h] = upTo;
                held += d;
                if (d > bestHeld || (d == bestHeld && d > 0 && s.holder < holder)) {
                    bestHeld = d;
                    holder = s.holder;
                }
            }
            held = Math.min(held, xc1 - xc);
            out.stateNs[LaneState.HELD_BY_REMOTE.ordinal()][b] = held;
            out.heldBy[b] = (byte) holder;
            if (top != LaneState.NO_DATA && held > topNs) top = LaneState.HELD_BY_REMOTE.ordinal();
            out.dominant[b] = (byte) top;

            final long[] swap = prev;
            prev = now;
            now = swap;
            x = x1;
            xc = xc1;
        }
    }

    private static long clamp(long x, long end) {
        return x < 0 ? 0 : Math.min(x, end);
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
        final int i = t == Long.MAX_VALUE ? size : LaneIndex.lowerBound(lane, t + 1, 0, size);
        cur.seek(i);
        out.eventIndex = i - 1;
        out.machine = cur.machine;
        out.state = cur.stateAt(t, lane, i < size ? i : -1);
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
            for (RemoteHoldSeries s : row) if (s != null) n += 64 + 24L * s.size();
        }
        return n;
    }
}
