package io.qpwscope.trace.lod;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.TraceDescriptor;

/**
 * The level-of-detail index of one lane: every {@value #BLOCK} events a snapshot of the
 * {@link LaneWalk} sums (counts per type, ns per state, machine, last ts) and the maximum of
 * each {@link DurationChannel} over the block; every {@value #GROUP_BLOCKS} and every
 * {@value #SUPER_BLOCKS} blocks the same maxima again. A reader answers "sums at time x" with a binary search, one snapshot and at
 * most {@value #BLOCK} event steps, whatever the recording's length.
 *
 * <pre>
 *   events   |e0 .. e63|e64 .. e127|  ...  |e(64b) ..|          (LaneEvents, 24 B each)
 *   block b  | snap 0  | snap 1    |  ...  | snap b  |          snap b = walk at index 64b
 *            | max 0   | max 1     |  ...  | max b   |          max over the block's events
 *   group g  |<-- max over blocks 8g .. 8g+7 -->|
 *   super s  |<------- max over blocks 64s .. 64s+63 ------->|
 * </pre>
 * Per block: 16 int counts + 9 long state ns + last ts + machine + 4 long maxima = 184 B
 * (+ 4 B for the group and super-block maxima),
 * i.e. 2.9 B per event.
 *
 * <p>One writer (the thread that calls {@link #indexTo}); readers may run concurrently and
 * see the index as of the {@link #indexed()} count they read: snapshot {@code b} exists for
 * every {@code 64 b <= indexed}, block maxima for every block below {@code indexed / 64}.
 */
final class LaneIndex {
    static final int BLOCK_SHIFT = 6;
    static final int BLOCK = 1 << BLOCK_SHIFT;
    static final int GROUP_SHIFT = 3;
    static final int GROUP_BLOCKS = 1 << GROUP_SHIFT;
    static final int SUPER_SHIFT = 6;
    static final int SUPER_BLOCKS = 1 << SUPER_SHIFT;
    private static final int CHUNK_SHIFT = 10;
    private static final int CHUNK_BLOCKS = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_BLOCKS - 1;
    private static final int T = LaneWalk.TYPES;
    private static final int S = LaneWalk.STATES;
    private static final int M = DurationChannel.COUNT;

    /** Index data for {@value #CHUNK_BLOCKS} blocks; arrays never move once published. */
    static final class Chunk {
        final int[] counts = new int[CHUNK_BLOCKS * T];
        final long[] stateNs = new long[CHUNK_BLOCKS * S];
        final long[] lastTs = new long[CHUNK_BLOCKS];
        final long[] machine = new long[CHUNK_BLOCKS];
        final long[] blockMax = new long[CHUNK_BLOCKS * M];
        final long[] groupMax = new long[(CHUNK_BLOCKS >>> GROUP_SHIFT) * M];
        final long[] superMax = new long[(CHUNK_BLOCKS >>> SUPER_SHIFT) * M];

        Chunk() {
            java.util.Arrays.fill(blockMax, Long.MIN_VALUE);
            java.util.Arrays.fill(groupMax, Long.MIN_VALUE);
            java.util.Arrays.fill(superMax, Long.MIN_VALUE);
        }

        static long bytes() {
            return 16L * 7 + 4L * CHUNK_BLOCKS * T + 8L * CHUNK_BLOCKS * (S + 2 + M)
                    + 8L * ((CHUNK_BLOCKS >>> GROUP_SHIFT) + (CHUNK_BLOCKS >>> SUPER_SHIFT)) * M;
        }
    }

    /** Called by the builder when this lane's CPU released a lock it held of another CPU. */
    interface HoldSink {
        void remoteHold(int owner, int holder, long begin, long end);
    }

    final int cpu;
    final LaneEvents lane;
    private volatile Chunk[] chunks = new Chunk[4];
    private volatile int indexed;
    private volatile long lastTs;
    /** Largest {@link DurationChannel} payload indexed so far. */
    private volatile long maxDuration = Long.MIN_VALUE;

    // writer state
    private final LaneWalk walk = new LaneWalk();
    private final RowBuffer rows = new RowBuffer();
    private final int[] remoteDepth;
    private final long[] remoteBegin;

    LaneIndex(LaneEvents lane, int cpus) {
        this.cpu = lane.cpu();
        this.lane = lane;
        this.remoteDepth = new int[cpus];
        this.remoteBegin = new long[cpus];
        chunks[0] = new Chunk();
        writeSnapshot(0);
    }

    /** @return events indexed (and so visible to readers of this index). */
    int indexed() {
        return indexed;
    }

    /** @return ts of the last indexed event (0 if none). */
    long lastTs() {
        return lastTs;
    }

    /** Writer only: indexes the lane's events up to {@code to} (at most lane.size()). */
    void indexTo(int to, HoldSink holds) {
        final LaneWalk w = walk;
        final RowBuffer r = rows;
        r.bind(lane, to);
        int b = w.pos >>> BLOCK_SHIFT;
        Chunk ch = chunks[b >>> CHUNK_SHIFT];
        long maxDur = maxDuration;
        while (w.pos < to) {
            final int i = w.pos;
            final long meta = r.meta(i);
            final long p = r.payload(i);
            w.step(r.ts(i), meta, p);
            final int type = TraceDescriptor.type(meta);
            final int channel = DurationChannel.OF_TYPE[type];
            if (channel >= 0) {
                final int k = (b & CHUNK_MASK) * M + channel;
                if (p > ch.blockMax[k]) ch.blockMax[k] = p;
                if (p > maxDur) maxDur = p;
            }
            if ((type == EventType.LOCK_ACQUIRE.code || type == EventType.LOCK_RELEASE.code)
                    && (TraceDescriptor.aux(meta) & TraceDescriptor.LOCK_REMOTE) != 0) {
                remoteLock(type, TraceDescriptor.peer(meta), w.lastTs, p, holds);
            }
            if ((w.pos & (BLOCK - 1)) == 0) {
                completeBlock(b, ch);
                b++;
                ch = chunkFor(b);
                writeSnapshot(b);
            }
        }
        maxDuration = maxDur; // volatile write, before the count below
        lastTs = w.lastTs;    // volatile write, before the count below
        indexed = to;         // volatile write: publishes snapshots, maxima and lastTs written above
    }

    private void remoteLock(int type, int owner, long ts, long payload, HoldSink holds) {
        if (owner < 0 || owner >= remoteDepth.length || owner == cpu) return;
        if (type == EventType.LOCK_ACQUIRE.code) {
            if (remoteDepth[owner]++ == 0) remoteBegin[owner] = ts;
        } else if (remoteDepth[owner] > 0) {
            if (--remoteDepth[owner] == 0) holds.remoteHold(owner, cpu, remoteBegin[owner], ts);
        } else if (payload > 0) {
            // the acquisition was lost to an overrun: the release still says how long it was held
            holds.remoteHold(owner, cpu, Math.max(0, ts - payload), ts);
        }
    }

    private void completeBlock(int b, Chunk ch) {
        final int k = (b & CHUNK_MASK) * M;
        final int g = ((b & CHUNK_MASK) >>> GROUP_SHIFT) * M;
        final int s = ((b & CHUNK_MASK) >>> SUPER_SHIFT) * M;
        for (int c = 0; c < M; c++) {
            final long v = ch.blockMax[k + c];
            if (v > ch.groupMax[g + c]) ch.groupMax[g + c] = v;
            if (v > ch.superMax[s + c]) ch.superMax[s + c] = v;
        }
    }

    private Chunk chunkFor(int b) {
        final int c = b >>> CHUNK_SHIFT;
        Chunk[] dir = chunks;
        if (c == dir.length) {
            dir = java.util.Arrays.copyOf(dir, dir.length * 2);
            chunks = dir; // volatile write: readers see the old entries in the new directory
        }
        if (dir[c] == null) dir[c] = new Chunk();
        return dir[c];
    }

    private void writeSnapshot(int b) {
        final Chunk ch = chunks[b >>> CHUNK_SHIFT];
        final int k = b & CHUNK_MASK;
        final LaneWalk w = walk;
        System.arraycopy(w.counts, 0, ch.counts, k * T, T);
        System.arraycopy(w.cum, 0, ch.stateNs, k * S, S);
        ch.lastTs[k] = w.lastTs;
        ch.machine[k] = w.machine;
    }

    /** @return ts of the last event before block b (requires 64 b &lt;= indexed; 0 for b = 0). */
    long snapshotLastTs(int b) {
        return chunks[b >>> CHUNK_SHIFT].lastTs[b & CHUNK_MASK];
    }

    /** Loads snapshot b into a walk (requires 64 b &lt;= indexed). */
    void load(int b, LaneWalk w) {
        final Chunk ch = chunks[b >>> CHUNK_SHIFT];
        final int k = b & CHUNK_MASK;
        System.arraycopy(ch.counts, k * T, w.counts, 0, T);
        System.arraycopy(ch.stateNs, k * S, w.cum, 0, S);
        w.lastTs = ch.lastTs[k];
        w.machine = ch.machine[k];
        w.pos = b << BLOCK_SHIFT;
    }

    /** @return the largest duration payload of any indexed event (Long.MIN_VALUE if none). */
    long maxDuration() {
        return maxDuration;
    }

    /** @return the largest duration payload in complete block b, over all channels. */
    long blockMaxAll(int b) {
        final Chunk ch = chunks[b >>> CHUNK_SHIFT];
        final int k = (b & CHUNK_MASK) * M;
        long m = Long.MIN_VALUE;
        for (int c = 0; c < M; c++) m = Math.max(m, ch.blockMax[k + c]);
        return m;
    }

    /** @return the largest duration payload in complete super-block s, over all channels. */
    long superMaxAll(int s) {
        final Chunk ch = chunks[(s << SUPER_SHIFT) >>> CHUNK_SHIFT];
        final int k = (s & ((CHUNK_BLOCKS >>> SUPER_SHIFT) - 1)) * M;
        long m = Long.MIN_VALUE;
        for (int c = 0; c < M; c++) m = Math.max(m, ch.superMax[k + c]);
        return m;
    }

    /** Folds the maxima of complete blocks {@code [from, to)} into {@code max}. */
    void blockMax(int from, int to, long[] max) {
        final Chunk[] dir = chunks;
        int b = from;
        while (b < to) {
            final Chunk ch = dir[b >>> CHUNK_SHIFT];
            final int k = b & CHUNK_MASK;
            if ((k & (SUPER_BLOCKS - 1)) == 0 && b + SUPER_BLOCKS <= to) {
                final int s = (k >>> SUPER_SHIFT) * M;
                for (int c = 0; c < M; c++) if (ch.superMax[s + c] > max[c]) max[c] = ch.superMax[s + c];
                b += SUPER_BLOCKS;
            } else if ((k & (GROUP_BLOCKS - 1)) == 0 && b + GROUP_BLOCKS <= to) {
                final int g = (k >>> GROUP_SHIFT) * M;
                for (int c = 0; c < M; c++) if (ch.groupMax[g + c] > max[c]) max[c] = ch.groupMax[g + c];
                b += GROUP_BLOCKS;
            } else {
                final int s = k * M;
                for (int c = 0; c < M; c++) if (ch.blockMax[s + c] > max[c]) max[c] = ch.blockMax[s + c];
                b++;
            }
        }
    }

    /** @return the first index in {@code [lo, hi)} whose ts is {@code >= x}, or hi. */
    static int lowerBound(LaneEvents lane, long x, int lo, int hi) {
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (lane.ts(mid) < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** @return heap bytes of the index (directory and chunks). */
    long heapBytes() {
        final Chunk[] dir = chunks;
        long n = 16 + 4L * dir.length;
        for (Chunk c : dir) if (c != null) n += Chunk.bytes();
        return n;
    }
}
