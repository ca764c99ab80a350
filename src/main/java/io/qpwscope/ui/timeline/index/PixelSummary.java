package io.qpwscope.ui.timeline.index;

import io.qpwscope.ui.timeline.render.Viewport;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.TraceDescriptor;
import java.util.Arrays;

/**
 * Per-pixel-column summary of the visible window: for every lane and {@link SpanKind}, the
 * fraction of each column the state covers, plus local lock operations per column. The
 * renderer draws from this, never one shape per event.
 *
 * <p>Intervals ({@link SpanTable}) are spread exactly over the columns they cover. The frequent
 * lock records are read one by one only when the window holds few of them; otherwise each
 * column is summed from the lane's prefix sums ({@link DenseField}), so the cost of a frame
 * depends on the width in pixels, not on the number of events. All arrays are reused.
 */
public final class PixelSummary {
    /** Read lock records one by one when the window holds at most this many per column. */
    static final int RAW_PER_COLUMN = 4;
    /** With this many events per column, column edges snap to prefix-sum blocks (no scan). */
    static final int SNAP_PER_COLUMN = 1024;

    private static final int ROWS = LaneRow.values().length;
    private float[][][] occ = new float[0][][];
    private float[][] lockOps = new float[0][];
    /** [lane][0 = steal, 1 = pause][px]: host samples as a share of each column. */
    private float[][][] host = new float[0][][];
    /** [lane][row][px]: occupancy of split intervals, and of their steal and pause parts. */
    private float[][][] splitOcc = new float[0][][];
    private float[][][] splitSteal = new float[0][][];
    private float[][][] splitPause = new float[0][][];
    private int[][] events = new int[0][];
    private boolean[] summarised = new boolean[0];
    private long[] boundaryIndex = new long[0];
    private long[] boundaryNs = new long[0];
    private long[] boundaryOps = new long[0];
    private final long[] acc = new long[DenseField.COUNT];
    private int capacity;
    private int width;
    private int columns;
    private double t0;
    private double nsPerPx;

    /** @return columns [0, columns()) hold data; the rest of the width is after the data end. */
    public int columns() { return columns; }

    public int width() { return width; }

    /** Fraction (may exceed 1 for overlapping spans) of column {@code px} covered by {@code kind} in {@code lane}. */
    public float fraction(int lane, SpanKind kind, int px) { return occ[lane][kind.ordinal()][px]; }

    public float[] row(int lane, int kindOrdinal) { return occ[lane][kindOrdinal]; }

    /** Share of column {@code px} of the lane's CPU the host took (samples): steal, or pause if {@code pause}. */
    public float hostShare(int lane, boolean pause, int px) { return host[lane][pause ? 1 : 0][px]; }

    public float[] hostRow(int lane, boolean pause) { return host[lane][pause ? 1 : 0]; }

    /** Occupancy of column {@code px} by intervals of the row that carry a host split. */
    public float splitOccupancy(int lane, LaneRow row, int px) { return splitOcc[lane][row.ordinal()][px]; }

    /** Occupancy of column {@code px} by the host part (steal, or pause) of the row's split intervals. */
    public float splitHost(int lane, LaneRow row, boolean pause, int px) {
        return (pause ? splitPause : splitSteal)[lane][row.ordinal()][px];
    }

    /** Local lock acquisitions in a column. */
    public float lockOps(int lane, int px) { return lockOps[lane][px]; }

    /** Trace records in a column (all types). */
    public int events(int lane, int px) { return events[lane][px]; }

    /** @return whether the lane's lock records were summed from prefix sums this frame. */
    public boolean summarised(int lane) { return summarised[lane]; }

    public void compute(TimelineIndex index, Viewport vp, double dataEnd, boolean[] visible) {
        int lanes = index.cpus();
        ensure(lanes, vp.widthPx());
        t0 = vp.startNs();
        nsPerPx = vp.nsPerPx();
        double t1 = Math.min(vp.endNs(), dataEnd);
        columns = t1 <= t0 ? 0 : (int) Math.min(width, Math.ceil((t1 - t0) / nsPerPx));
        for (int l = 0; l < lanes; l++) {
            if (!visible[l]) continue;
            for (float[] a : occ[l]) Arrays.fill(a, 0, width, 0f);
            Arrays.fill(lockOps[l], 0, width, 0f);
            for (float[] a : host[l]) Arrays.fill(a, 0, width, 0f);
            for (int r = 0; r < ROWS; r++) {
                Arrays.fill(splitOcc[l][r], 0, width, 0f);
                Arrays.fill(splitSteal[l][r], 0, width, 0f);
                Arrays.fill(splitPause[l][r], 0, width, 0f);
            }
            Arrays.fill(events[l], 0, width, 0);
            summarised[l] = false;
        }
        if (columns == 0) return;
        for (int l = 0; l < lanes; l++) {
            spans(index, l, t1, dataEnd, visible);
            samples(index, l, t1, visible);
            if (visible[l]) {
                open(index.lane(l), dataEnd, t1, l);
                dense(index, l, t1);
            }
        }
    }

    private void ensure(int lanes, int w) {
        if (lanes != occ.length || w > capacity) {
            capacity = Math.max(w, 64);
            occ = new float[lanes][SpanKind.count()][capacity];
            lockOps = new float[lanes][capacity];
            int rows = ROWS;
            host = new float[lanes][2][capacity];
            splitOcc = new float[lanes][rows][capacity];
            splitSteal = new float[lanes][rows][capacity];
            splitPause = new float[lanes][rows][capacity];
            events = new int[lanes][capacity];
            summarised = new boolean[lanes];
            boundaryIndex = new long[capacity + 1];
            boundaryNs = new long[capacity + 1];
            boundaryOps = new long[capacity + 1];
        }
        width = w;
    }

    private void spans(TimelineIndex index, int l, double t1, double dataEnd, boolean[] visible) {
        SpanTable st = index.lane(l).spans();
        HostSplits hs = index.lane(l).hostSplits();
        int i = st.firstEndingAtOrAfter((long) Math.floor(t0));
        int limit = st.limitFor((long) Math.ceil(t1));
        int split = hs.firstAtOrAfter(i);
        for (; i < limit; i++) {
            long s = st.start(i);
            while (split < hs.size() && hs.spanIndex(split) < i) split++;
            if (s > t1) continue;
            double e = Math.min(st.end(i), dataEnd);
            int k = st.kindOrdinal(i);
            if (visible[l]) {
                spread(occ[l][k], s, e);
                if (split < hs.size() && hs.spanIndex(split) == i) splitParts(l, SpanKind.of(k).row, s, st.end(i), e, hs, split);
            }
            if (k == SpanKind.REMOTE_HOLDING.ordinal()) {
                int owner = st.peer(i);
                if (owner >= 0 && owner < visible.length && visible[owner]) {
                    spread(occ[owner][SpanKind.REMOTE_HELD.ordinal()], s, e);
                }
            }
        }
    }

    /**
     * Notes a split interval [s, end] (clipped at {@code e}) of a row: its host part is drawn
     * at its end, steal then pause, after the model's part.
     */
    private void splitParts(int l, LaneRow row, double s, long end, double e, HostSplits hs, int k) {
        int r = row.ordinal();
        long pause = Math.min(hs.pause(k), end - (long) s);
        long steal = Math.min(hs.steal(k), end - (long) s - pause);
        spread(splitOcc[l][r], s, e, 1);
        double pauseFrom = end - pause, stealFrom = pauseFrom - steal;
        if (steal > 0 && stealFrom < e) spread(splitSteal[l][r], stealFrom, Math.min(pauseFrom, e), 1);
        if (pause > 0 && pauseFrom < e) spread(splitPause[l][r], pauseFrom, e, 1);
    }

    /**
     * Host samples spread over their window as a share: a sample of 2 ms steal over a 10 ms
     * window adds 0.2 of each column it covers (where in the window is not known). A sample
     * measured for another CPU is drawn on that CPU's lane.
     */
    private void samples(TimelineIndex index, int l, double t1, boolean[] visible) {
        SpanTable st = index.lane(l).samples();
        int i = st.firstEndingAtOrAfter((long) Math.floor(t0));
        int limit = st.limitFor((long) Math.ceil(t1));
        for (; i < limit; i++) {
            long s = st.start(i), e = st.end(i);
            if (s > t1 || e <= s) continue;
            int to = st.peer(i) >= 0 && st.peer(i) < visible.length ? st.peer(i) : l;
            if (!visible[to]) continue;
            double w = e - s;
            long v = st.value(i);
            spread(host[to][0], s, e, (float) Math.min(1, LaneIndex.sampleSteal(v) / w));
            spread(host[to][1], s, e, (float) Math.min(1, LaneIndex.samplePause(v) / w));
        }
    }

    private void open(LaneIndex lane, double dataEnd, double t1, int l) {
        if (lane.firstTs() < 0) return;
        int task = lane.taskKind();
        if (task != LaneIndex.TASK_UNKNOWN && lane.taskSince() <= t1) {
            spread(occ[l][LaneIndex.taskSpan(task).ordinal()], lane.taskSince(), dataEnd);
        }
        if (lane.openWorkStart() >= 0 && lane.openWorkStart() <= t1) {
            spread(occ[l][lane.openWorkAttr() & 0xFF], lane.openWorkStart(), dataEnd);
        }
        if (lane.openTriggerStart() >= 0 && lane.openTriggerStart() <= t1) {
            spread(occ[l][SpanKind.TRIGGER.ordinal()], lane.openTriggerStart(), dataEnd);
        }
    }

    /** Adds the part of [s, e] inside each column to that column, in column units. */
    private void spread(float[] a, double s, double e) {
        spread(a, s, e, 1f);
    }

    /** As {@link #spread(float[], double, double)}, each column's part times {@code weight} (nothing if 0). */
    private void spread(float[] a, double s, double e, float weight) {
        if (weight <= 0) return;
        double x0 = (s - t0) / nsPerPx;
        double x1 = (e - t0) / nsPerPx;
        if (x1 < 0 || x0 >= columns) return;
        if (x0 < 0) x0 = 0;
        if (x1 > columns) x1 = columns;
        int p0 = (int) x0;
        if (x1 - x0 < 1e-3) {
            a[p0] += 1e-3f * weight;
            return;
        }
        int p1 = Math.min(columns - 1, (int) Math.ceil(x1) - 1);
        if (p0 == p1) {
            a[p0] += (float) (x1 - x0) * weight;
            return;
        }
        a[p0] += (float) (p0 + 1 - x0) * weight;
        for (int p = p0 + 1; p < p1; p++) a[p] += weight;
        a[p1] += (float) (x1 - p1) * weight;
    }

    private void dense(TimelineIndex index, int l, double t1) {
        LaneIndex lane = index.lane(l);
        TimelineSource src = index.source();
        int n = lane.indexed();
        if (n == 0) return;
        int i0 = lowerBound(src, l, (long) Math.ceil(t0), Math.min(lane.heldFrom(), n), n);
        int i1 = lowerBound(src, l, (long) Math.ceil(t1), i0, n);
        if (i1 - i0 <= (long) RAW_PER_COLUMN * columns) {
            raw(src, l, i0, i1, n, t1);
        } else {
            summarised[l] = true;
            summary(lane, src, l, i0, i1, n);
        }
    }

    private void raw(TimelineSource src, int l, int i0, int i1, int n, double t1) {
        float[] lock = occ[l][SpanKind.LOCK_LOCAL.ordinal()];
        float[] ops = lockOps[l];
        int[] ev = events[l];
        int lockCode = EventType.LOCK_RELEASE.code;
        int acqCode = EventType.LOCK_ACQUIRE.code;
        int end = Math.min(n, i1 + 256);
        for (int k = i0; k < end; k++) {
            long ts = src.ts(l, k);
            long meta = src.meta(l, k);
            int type = TraceDescriptor.type(meta);
            if (k < i1) {
                int p = (int) ((ts - t0) / nsPerPx);
                if (p >= 0 && p < columns) {
                    ev[p]++;
                    if (type == acqCode && (TraceDescriptor.aux(meta) & TraceDescriptor.LOCK_REMOTE) == 0) ops[p]++;
                }
            }
            if (type == lockCode && (TraceDescriptor.aux(meta) & TraceDescriptor.LOCK_REMOTE) == 0) {
                long s = ts - src.payload(l, k);
                spread(lock, s, Math.min(ts, t1));
                if (k >= i1) break;
            }
        }
    }

    private void summary(LaneIndex lane, TimelineSource src, int l, int i0, int i1, int n) {
        boolean snap = (i1 - i0) / Math.max(1, columns) >= SNAP_PER_COLUMN;
        int prev = i0;
        for (int p = 0; p <= columns; p++) {
            int idx = p == 0 ? i0 : p == columns ? i1
                    : lowerBound(src, l, (long) Math.ceil(t0 + p * nsPerPx), prev, i1);
            prev = idx;
            int at = snap && idx < n ? idx & ~(DenseField.BLOCK - 1) : idx;
            lane.cumulativeAt(src, at, acc);
            boundaryIndex[p] = idx;
            boundaryNs[p] = acc[DenseField.LOCK_NS];
            boundaryOps[p] = acc[DenseField.LOCK_OPS];
        }
        float[] lock = occ[l][SpanKind.LOCK_LOCAL.ordinal()];
        float[] ops = lockOps[l];
        int[] ev = events[l];
        for (int p = 0; p < columns; p++) {
            lock[p] += (float) ((boundaryNs[p + 1] - boundaryNs[p]) / nsPerPx);
            ops[p] = boundaryOps[p + 1] - boundaryOps[p];
            ev[p] = (int) (boundaryIndex[p + 1] - boundaryIndex[p]);
        }
        // A hold is attributed to the column of its release; push what overflows a column
        // back into the columns before it, where the hold began.
        for (int p = columns - 1; p > 0; p--) {
            if (lock[p] > 1f) {
                lock[p - 1] += lock[p] - 1f;
                lock[p] = 1f;
            }
        }
    }

    public static int lowerBound(TimelineSource src, int lane, long t, int lo, int hi) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (src.ts(lane, mid) < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
