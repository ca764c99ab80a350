package io.qpwscope.trace.lod;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.TraceDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference the index is checked against: walks every event of every lane into explicit
 * state segments and remote-hold intervals, then intersects them with each bucket. Slow on
 * purpose; shares only the state machine's transition rules ({@link LaneMachine}).
 */
final class BruteForce {
    record Segment(long from, long to, int state) {}
    record Hold(int owner, int holder, long from, long to) {}

    final Recording rec;
    final int[] sizes;
    final long endTs;
    final List<List<Segment>> segments = new ArrayList<>();
    final List<List<Hold>> holdsByOwner = new ArrayList<>();

    /** @param sizes events per lane to consider (a prefix, as an index that is catching up sees it) */
    BruteForce(Recording rec, int[] sizes) {
        this.rec = rec;
        this.sizes = sizes.clone();
        long end = 0;
        for (int c = 0; c < rec.cpus(); c++) {
            if (sizes[c] > 0) end = Math.max(end, rec.lane(c).ts(sizes[c] - 1));
            holdsByOwner.add(new ArrayList<>());
        }
        this.endTs = end;
        long[][] lastEnd = new long[rec.cpus()][rec.cpus()];
        for (long[] row : lastEnd) java.util.Arrays.fill(row, Long.MIN_VALUE);
        for (int c = 0; c < rec.cpus(); c++) {
            LaneEvents lane = rec.lane(c);
            List<Segment> segs = new ArrayList<>();
            int[] depth = new int[rec.cpus()];
            long[] begin = new long[rec.cpus()];
            long last = 0;
            long m = LaneMachine.INITIAL;
            for (int i = 0; i < sizes[c]; i++) {
                long ts = Math.max(lane.ts(i), last);
                long meta = lane.meta(i);
                long p = lane.payload(i);
                int type = TraceDescriptor.type(meta);
                int s = LaneMachine.state(m);
                int carve = LaneMachine.carveState(type);
                if (carve >= 0) {
                    long cs = p <= 0 ? ts : Math.max(last, ts - p);
                    segs.add(new Segment(last, cs, s));
                    segs.add(new Segment(cs, ts, carve));
                } else {
                    segs.add(new Segment(last, ts, s));
                }
                if ((type == EventType.LOCK_ACQUIRE.code || type == EventType.LOCK_RELEASE.code)
                        && (TraceDescriptor.aux(meta) & TraceDescriptor.LOCK_REMOTE) != 0) {
                    int owner = TraceDescriptor.peer(meta);
                    if (owner >= 0 && owner < rec.cpus() && owner != c) {
                        long hb = Long.MIN_VALUE;
                        if (type == EventType.LOCK_ACQUIRE.code) {
                            if (depth[owner]++ == 0) begin[owner] = ts;
                        } else if (depth[owner] > 0) {
                            if (--depth[owner] == 0) hb = begin[owner];
                        } else if (p > 0) {
                            hb = Math.max(0, ts - p);
                        }
                        if (hb != Long.MIN_VALUE) {
                            hb = Math.max(hb, lastEnd[owner][c]);
                            if (ts > hb) {
                                holdsByOwner.get(owner).add(new Hold(owner, c, hb, ts));
                                lastEnd[owner][c] = ts;
                            }
                        }
                    }
                }
                m = LaneMachine.apply(m, meta);
                last = ts;
            }
            segs.add(new Segment(last, Math.max(last, end), LaneMachine.state(m)));
            segments.add(segs);
        }
    }

    static long overlap(long a0, long a1, long b0, long b1) {
        return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
    }

    /** The reference summary: same layout as {@link BucketSummary}. */
    final class Expected {
        final int[][] counts;
        final long[][] stateNs;
        final long[][] maxNs;
        final int[] dominant;
        final int[] heldBy;

        Expected(int cpu, long t0, long bucketNs, int n) {
            counts = new int[LaneWalk.TYPES][n];
            stateNs = new long[LaneState.COUNT][n];
            maxNs = new long[DurationChannel.COUNT][n];
            dominant = new int[n];
            heldBy = new int[n];
            LaneEvents lane = rec.lane(cpu);
            for (int i = 0; i < sizes[cpu]; i++) {
                long ts = lane.ts(i);
                int b = bucketOf(ts, t0, bucketNs, n);
                if (b < 0) continue;
                int type = TraceDescriptor.type(lane.meta(i));
                counts[type < LaneWalk.TYPES ? type : 0][b]++;
                int ch = DurationChannel.OF_TYPE[type];
                if (ch >= 0) maxNs[ch][b] = Math.max(maxNs[ch][b], lane.payload(i));
            }
            for (Segment s : segments.get(cpu)) {
                spread(s.from(), s.to(), t0, bucketNs, n, stateNs[s.state()]);
            }
            long[][] perHolderNs = new long[rec.cpus()][n];
            for (Hold h : holdsByOwner.get(cpu)) spread(h.from(), h.to(), t0, bucketNs, n, perHolderNs[h.holder()]);
            for (int b = 0; b < n; b++) {
                long a = t0 + b * bucketNs;
                long z = a + bucketNs;
                long ca = Math.min(Math.max(a, 0), endTs);
                long cz = Math.min(Math.max(z, 0), endTs);
                long[] perHolder = new long[rec.cpus()];
                long held = 0;
                for (int h = 0; h < rec.cpus(); h++) {
                    perHolder[h] = perHolderNs[h][b];
                    held += perHolder[h];
                }
                held = Math.min(held, cz - ca);
                stateNs[LaneState.HELD_BY_REMOTE.ordinal()][b] = held;
                int holder = -1;
                long best = 0;
                for (int h = 0; h < rec.cpus(); h++) {
                    if (perHolder[h] > best) {
                        best = perHolder[h];
                        holder = h;
                    }
                }
                heldBy[b] = holder;
                int top = LaneState.NO_DATA;
                long topNs = 0;
                for (int s = 0; s < LaneState.OWN_STATES; s++) {
                    if (stateNs[s][b] > 0 && stateNs[s][b] >= topNs) {
                        top = s;
                        topNs = stateNs[s][b];
                    }
                }
                if (top != LaneState.NO_DATA && held > topNs) top = LaneState.HELD_BY_REMOTE.ordinal();
                dominant[b] = top;
            }
        }
    }

    static int bucketOf(long ts, long t0, long bucketNs, int n) {
        if (ts < t0) return -1;
        long b = (ts - t0) / bucketNs;
        return b < n ? (int) b : -1;
    }

    /** Adds the overlap of [from, to) with each bucket, within [0, endTs). */
    void spread(long from, long to, long t0, long bucketNs, int n, long[] out) {
        from = Math.max(from, 0);
        to = Math.min(to, endTs);
        if (to <= from || n == 0) return;
        long lo = Math.max(from, t0);
        long hi = Math.min(to, t0 + n * bucketNs);
        if (hi <= lo) return;
        int b0 = (int) ((lo - t0) / bucketNs);
        int b1 = (int) ((hi - 1 - t0) / bucketNs);
        for (int b = b0; b <= b1; b++) {
            long a = t0 + b * bucketNs;
            out[b] += overlap(from, to, a, a + bucketNs);
        }
    }

    Expected summarize(int cpu, long t0, long bucketNs, int n) {
        return new Expected(cpu, t0, bucketNs, n);
    }

    /** @return the own state of the segment containing t, for t in [0, endTs). */
    int stateAt(int cpu, long t) {
        int state = LaneState.NO_DATA;
        for (Segment s : segments.get(cpu)) {
            if (s.from() <= t && t < s.to()) state = s.state();
        }
        return state;
    }

    boolean heldAt(int cpu, int holder, long t) {
        for (Hold h : holdsByOwner.get(cpu)) {
            if ((holder < 0 || h.holder() == holder) && h.from() <= t && t < h.to()) return true;
        }
        return false;
    }
}
