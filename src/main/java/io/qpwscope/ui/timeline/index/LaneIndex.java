package io.qpwscope.ui.timeline.index;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.trace.decode.InstantType;
import io.qpwscope.trace.decode.LaneDecoder;
import io.qpwscope.trace.decode.SpanSink;
import io.qpwscope.trace.decode.SpanType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.function.LongConsumer;

/**
 * What the timeline knows about one lane, built incrementally from its records: prefix sums
 * of the frequent records ({@link DenseField}), the intervals the {@link LaneDecoder} derives
 * ({@link SpanTable}),
 * the work it queued ({@link QueueTable}) and the intervals still open at the indexed edge.
 * FX thread only.
 *
 * <p>Under a live recording's rolling window ({@link TimelineSource#firstIndex}) the lane
 * follows the window ({@link #followWindow}): spans, queue rows, prefix-sum blocks and gaps
 * older than the oldest held event are dropped in bulk, event and row numbers stay absolute,
 * and the time before the window reads as dropped ({@link #heldFromTs()}).
 */
public final class LaneIndex {
    /** Records read at most at each end of a gap to recover an unknown task kind. */
    static final int GAP_SCAN = 1 << 20;
    /** Unknown task kind: no TASK_SWITCH seen yet. */
    public static final int TASK_UNKNOWN = LaneDecoder.TASK_UNKNOWN;

    private final int cpu;
    private final SpanTable spans = new SpanTable();
    private final HostSplits hostSplits = new HostSplits();
    /** {@link SpanKind#HOST_SAMPLE} spans, apart so that their long windows do not widen span queries. */
    private final SpanTable samples = new SpanTable();
    private final QueueTable queued = new QueueTable();
    /** cum[(b - cumBase) * COUNT + f] = sum of field f over events [0, b * BLOCK). */
    private long[] cum = new long[DenseField.COUNT * 64];
    /** Block number stored in cum's slot 0: blocks below were dropped with the window. */
    private int cumBase;
    /** Oldest event of the lane still held by the index (the source's window start once it rolled). */
    private int heldFrom;
    /** Ts of the oldest held event once the window rolled, or -1 while nothing was dropped. */
    private long heldFromTs = -1;
    private final long[] running = new long[DenseField.COUNT];
    private int indexed;
    private long firstTs = -1;
    private long lastTs;

    /** Turns this lane's records into spans; holds what is open at the indexed edge. */
    private final LaneDecoder decoder;
    private final Sink sink = new Sink();
    private TimelineIndex global;
    /** Skipped index ranges [gapStart[k], gapEnd[k]), block aligned. */
    private int[] gapStart = new int[4];
    private int[] gapEnd = new int[4];
    private int gaps;
    private long skipped;

    LaneIndex(int cpu) {
        this.cpu = cpu;
        this.decoder = new LaneDecoder(sink, EnumSet.complementOf(EnumSet.of(SpanType.LOCK_LOCAL, SpanType.IRQS_OFF,
                SpanType.LOCK_HELD_BY_REMOTE)), EnumSet.complementOf(EnumSet.of(InstantType.LOCK_ACQUIRED)));
    }

    public int cpu() { return cpu; }

    public SpanTable spans() { return spans; }

    public QueueTable queued() { return queued; }

    /** The host's share of this lane's split intervals, keyed by span index. */
    public HostSplits hostSplits() { return hostSplits; }

    /** Longest interruption (wall ns) indexed so far. */
    public long interruptionWallMaxNs() { return Math.max(sink.intrWallMax, sink.pendingIntr); }

    /** Longest kernel part (wall less the host's split) of an interruption indexed so far. */
    public long interruptionKernelMaxNs() { return Math.max(sink.intrKernelMax, sink.pendingIntr); }

    /** Longest noise gap (wall ns) indexed so far. */
    public long noiseWallMaxNs() { return Math.max(sink.noiseWallMax, sink.pendingNoise); }

    /** Longest kernel part of a noise gap indexed so far. */
    public long noiseKernelMaxNs() { return Math.max(sink.noiseKernelMax, sink.pendingNoise); }

    /** Host samples of this lane ({@link SpanKind#HOST_SAMPLE} spans only). */
    public SpanTable samples() { return samples; }

    /** @return value of a {@link SpanKind#HOST_SAMPLE} span: steal ns &lt;&lt; 32 | pause ns. */
    public static long sampleValue(long stealNs, long pauseNs) {
        return Math.min(stealNs, 0xFFFF_FFFFL) << 32 | Math.min(pauseNs, 0xFFFF_FFFFL);
    }

    public static long sampleSteal(long value) { return value >>> 32; }

    public static long samplePause(long value) { return value & 0xFFFF_FFFFL; }

    /** @return number of source events indexed so far. */
    public int indexed() { return indexed; }

    public long firstTs() { return firstTs; }

    public long lastTs() { return lastTs; }

    /** @return the TASK_* kind running since {@link #taskSince()}, or {@link #TASK_UNKNOWN}. */
    public int taskKind() { return decoder.taskKind(); }

    public long taskSince() { return decoder.taskSince(); }

    /** @return start of the outermost work running now, or -1. */
    public long openWorkStart() { return decoder.workDepth() > 0 ? decoder.workStart(0) : -1; }

    /** @return {@link SpanTable#attr} of the outermost work running now. */
    public int openWorkAttr() {
        return SpanTable.attr(workKind(decoder.workAux(0)), decoder.workPeer(0), decoder.workFn(0), 0);
    }

    public long openWorkSeq() { return decoder.workSeq(0); }

    /** @return start of the trigger running now, or -1. */
    public long openTriggerStart() { return decoder.triggerStart(); }

    public int openTriggerFn() { return decoder.triggerFn(); }

    /**
     * Writes into {@code out} the sums of every {@link DenseField} over events [0, i); only
     * differences between two indices are meaningful once the window rolled (an index below
     * {@link #heldFrom()} reads as heldFrom).
     * @param i an index in [0, indexed]
     */
    public void cumulativeAt(TimelineSource src, int i, long[] out) {
        if (i >= indexed) {
            System.arraycopy(running, 0, out, 0, DenseField.COUNT);
            return;
        }
        if (i < heldFrom) i = heldFrom; // dropped with the window: sums restart at its edge
        int b = i >>> DenseField.BLOCK_SHIFT;
        System.arraycopy(cum, (b - cumBase) * DenseField.COUNT, out, 0, DenseField.COUNT);
        if (inGap(i)) return;
        for (int k = Math.max(b << DenseField.BLOCK_SHIFT, heldFrom); k < i; k++) {
            DenseField.accumulate(src.meta(cpu, k), src.payload(cpu, k), out);
        }
    }

    /** @return whether event i lies in a skipped range (its records count for nothing). */
    public boolean inGap(int i) {
        for (int k = gaps - 1; k >= 0; k--) {
            if (i >= gapEnd[k]) return false;
            if (i >= gapStart[k]) return true;
        }
        return false;
    }

    /** Events skipped so far because the UI fell behind. */
    public long skipped() { return skipped; }

    /**
     * Skips events [indexed, target) without indexing them: they are marked as a gap (a
     * {@link SpanKind#GAP} span), their prefix sums count nothing, and what was open (task
     * since, running work, trigger) restarts after the gap. Both ends must be block aligned.
     */
    void skipTo(TimelineSource src, int target) {
        int from = indexed;
        if (target <= from || (from & (DenseField.BLOCK - 1)) != 0 || (target & (DenseField.BLOCK - 1)) != 0) {
            throw new IllegalArgumentException("gap [" + from + ", " + target + ") not block aligned");
        }
        for (int b = from >>> DenseField.BLOCK_SHIFT; b < target >>> DenseField.BLOCK_SHIFT; b++) storeBlock(b);
        long startTs = firstTs < 0 ? src.ts(cpu, from) : lastTs;
        long endTs = src.ts(cpu, target - 1);
        if (gaps == gapStart.length) {
            gapStart = Arrays.copyOf(gapStart, gaps * 2);
            gapEnd = Arrays.copyOf(gapEnd, gaps * 2);
        }
        gapStart[gaps] = from;
        gapEnd[gaps] = target;
        gaps++;
        skipped += target - from;
        spans.add(startTs, endTs, SpanTable.attr(SpanKind.GAP, -1, 0, 0), target - from, target - 1);
        if (firstTs < 0) firstTs = startTs;
        lastTs = endTs;
        int taskKind = decoder.taskKind();
        if (taskKind == TASK_UNKNOWN) {
            // the lane's first TASK_SWITCH fell into the gap: look for the last one near either end
            int lastSwitch = lastOfType(src, EventType.TASK_SWITCH.code, Math.max(from, target - GAP_SCAN), target);
            if (lastSwitch < 0) lastSwitch = lastOfType(src, EventType.TASK_SWITCH.code, from, Math.min(target, from + GAP_SCAN));
            if (lastSwitch >= 0) taskKind = TraceDescriptor.aux(src.meta(cpu, lastSwitch)) & 0xFF;
        }
        decoder.skip(target, endTs, taskKind);
        indexed = target;
    }

    /** @return the last index in [from, to) with this record type, or -1 (reads only the meta column). */
    private int lastOfType(TimelineSource src, int type, int from, int to) {
        for (int i = to - 1; i >= from; i--) if (TraceDescriptor.type(src.meta(cpu, i)) == type) return i;
        return -1;
    }

    /** Indexes events [indexed, limit) of this lane. */
    void index(TimelineSource src, int limit, TimelineIndex global) {
        this.global = global;
        final LaneDecoder dec = decoder;
        final long[] rows = global.rowBuffer();
        final int batch = rows.length / 3;
        for (int base = indexed; base < limit; base += batch) {
            int n = Math.min(batch, limit - base);
            src.readRows(cpu, base, rows, n);
            if (src.firstIndex(cpu) > base) {
                // the window rolled past these rows while they were read: they may be stale
                // copies of the oldest held row; the next followWindow jumps to the new edge
                indexed = base;
                return;
            }
            for (int k = 0; k < n; k++) {
                int i = base + k;
                if ((i & (DenseField.BLOCK - 1)) == 0) storeBlock(i >>> DenseField.BLOCK_SHIFT);
                long ts = rows[3 * k];
                long meta = rows[3 * k + 1];
                long payload = rows[3 * k + 2];
                if (firstTs < 0) firstTs = ts;
                lastTs = ts;
                DenseField.accumulate(meta, payload, running);
                dec.event(ts, meta, payload);
            }
        }
        indexed = Math.max(indexed, limit);
    }

    private void storeBlock(int b) {
        if (b < cumBase) return;
        int need = (b - cumBase + 1) * DenseField.COUNT;
        if (need > cum.length) cum = Arrays.copyOf(cum, Math.max(need, cum.length * 2));
        System.arraycopy(running, 0, cum, (b - cumBase) * DenseField.COUNT, DenseField.COUNT);
    }

    /** @return the oldest event this lane still holds (0 until the window rolls). */
    public int heldFrom() { return heldFrom; }

    /** @return ts of the oldest held event, or -1 if nothing was dropped: before it the lane shows "dropped from memory". */
    public long heldFromTs() { return heldFromTs; }

    /** @return prefix-sum blocks held in memory. */
    public int heldBlocks() { return Math.max(0, ((indexed + DenseField.BLOCK - 1) >>> DenseField.BLOCK_SHIFT) - cumBase); }

    /** @return skipped ranges held. */
    public int heldGaps() { return gaps; }

    /**
     * Follows the source's rolling window: drops everything older than {@code first} (the
     * oldest event the source still holds, block aligned as a {@link io.qpwscope.trace.LaneEvents}
     * chunk is). When indexing had not reached the window, the
     * lane restarts at its edge as a fresh decoder would (task kind unknown, nothing open).
     * @return whether indexing jumped over events it never read (pending work may have lost its start)
     */
    boolean followWindow(TimelineSource src, int first, LongConsumer pendingDropped) {
        if (first <= heldFrom) return false;
        int n = src.size(cpu);
        if (first >= n) return false;
        boolean jumped = indexed < first;
        heldFrom = first;
        heldFromTs = src.ts(cpu, first);
        if (jumped) {
            if (firstTs < 0) firstTs = heldFromTs;
            if (lastTs < heldFromTs) lastTs = heldFromTs;
            decoder.skip(first, heldFromTs, TASK_UNKNOWN);
            indexed = first;
        }
        spans.dropBefore(first);
        samples.dropBefore(first);
        hostSplits.dropBefore(spans.first());
        queued.dropBefore(first, pendingDropped);
        dropGapsBefore(first);
        dropBlocksBefore(first >>> DenseField.BLOCK_SHIFT);
        if (jumped) storeBlock(first >>> DenseField.BLOCK_SHIFT);
        return jumped;
    }

    /**
     * Drops the prefix-sum blocks below {@code block}: at once when none of the stored ones is
     * kept, otherwise (as {@link SpanTable} does) only once the dropped outnumber the kept.
     */
    private void dropBlocksBefore(int block) {
        if (block <= cumBase) return;
        int capBlocks = cum.length / DenseField.COUNT;
        int drop = block - cumBase;
        int stored = Math.max(0, ((indexed + DenseField.BLOCK - 1) >>> DenseField.BLOCK_SHIFT) - cumBase);
        if (drop >= stored) {
            cumBase = block;
            if (capBlocks > 64) cum = new long[DenseField.COUNT * 64];
            return;
        }
        int keep = stored - drop;
        if (drop < SpanTable.MIN_COMPACT || drop < keep) return;
        System.arraycopy(cum, drop * DenseField.COUNT, cum, 0, keep * DenseField.COUNT);
        cumBase = block;
        int cap = Math.max(64, Integer.highestOneBit(Math.max(1, keep)) << 2);
        if (cap < capBlocks) cum = Arrays.copyOf(cum, cap * DenseField.COUNT);
    }

    private void dropGapsBefore(int first) {
        int k = 0;
        while (k < gaps && gapEnd[k] <= first) k++;
        if (k == 0) return;
        System.arraycopy(gapStart, k, gapStart, 0, gaps - k);
        System.arraycopy(gapEnd, k, gapEnd, 0, gaps - k);
        gaps -= k;
    }

    public static SpanKind taskSpan(int kind) {
        return switch (SpanType.ofTaskKind(kind)) {
            case TASK_KWORKER -> SpanKind.TASK_KWORKER;
            case TASK_IDLE -> SpanKind.TASK_IDLE;
            default -> SpanKind.TASK_USER;
        };
    }

    static SpanKind workKind(int aux) {
        return SpanType.ofWorkAux(aux) == SpanType.WORK_INLINE ? SpanKind.WORK_INLINE : SpanKind.WORK_KWORKER;
    }

    /**
     * Maps the decoder's spans to the timeline's {@link SpanKind}s and notes the cross-lane
     * facts in the {@link TimelineIndex}. Local lock holds and irqs-off are not kept as spans:
     * they are summed in the {@link DenseField} prefix sums.
     */
    private final class Sink implements SpanSink {
        /** The span a HOST_SPLIT companion may split (the last one added), or -1. */
        private int splittable = -1;
        private SpanType splittableType;
        /** Maxima of interruptions and noise, wall and kernel (wall less host). */
        long intrWallMax, intrKernelMax, noiseWallMax, noiseKernelMax;
        /** The last interruption / noise, until a split or the next span settles its kernel part; 0 if none. */
        long pendingIntr, pendingNoise;

        private void settle(long intrKernel, long noiseKernel) {
            intrWallMax = Math.max(intrWallMax, pendingIntr);
            intrKernelMax = Math.max(intrKernelMax, intrKernel);
            noiseWallMax = Math.max(noiseWallMax, pendingNoise);
            noiseKernelMax = Math.max(noiseKernelMax, noiseKernel);
            pendingIntr = pendingNoise = 0;
        }

        @Override
        public void span(SpanType type, long start, long end, int peer, int fn, int attr, long value, int depth, int flags,
                         int index) {
            settle(pendingIntr, pendingNoise);
            if (type == SpanType.INTERRUPTION) pendingIntr = end - start;
            if (type == SpanType.NOISE) pendingNoise = end - start;
            int before = spans.size();
            add(type, start, end, peer, fn, attr, value, index);
            boolean split = spans.size() > before && switch (type) {
                case INTERRUPTION, NOISE, SPIN_WAIT, FLUSH_WAIT, LOCK_REMOTE -> true;
                default -> false;
            };
            splittable = split ? spans.size() - 1 : -1;
            splittableType = type;
        }

        @Override
        public void hostSplit(SpanType of, long start, long end, int measuredCpu, long stealNs, long pauseNs, int index) {
            if (splittable < 0 || of != splittableType || spans.end(splittable) != end) return;
            long kernel = Math.max(0, end - start - stealNs - pauseNs);
            if (of == SpanType.INTERRUPTION) settle(kernel, 0);
            if (of == SpanType.NOISE) settle(0, kernel);
            hostSplits.add(splittable, measuredCpu, stealNs, pauseNs);
            splittable = -1;
        }

        private void add(SpanType type, long start, long end, int peer, int fn, int attr, long value, int index) {
            switch (type) {
                case LOCK_REMOTE -> {
                    spans.add(start, end, SpanTable.attr(SpanKind.REMOTE_HOLDING, peer, fn, attr), value, index);
                    global.noteRemoteHold(peer, cpu);
                }
                case SPIN_WAIT -> spans.add(start, end, SpanTable.attr(SpanKind.SPIN, peer, fn, 0), attr, index);
                case NOISE -> spans.add(start, end, SpanTable.attr(SpanKind.NOISE, peer, fn, 0), value, index);
                case INTERRUPTION -> {
                    spans.add(start, end, SpanTable.attr(SpanKind.INTERRUPTION, peer, fn, 0), value, index);
                    global.noteInterruption(cpu, value);
                }
                case FLUSH_WAIT -> spans.add(start, end, SpanTable.attr(SpanKind.FLUSH_WAIT, peer, fn, 0), value, index);
                case LOCK_BLOCK -> spans.add(start, end, SpanTable.attr(SpanKind.LOCK_BLOCK, peer, fn, 0), value, index);
                case TASK_USER, TASK_KWORKER, TASK_IDLE ->
                        spans.add(start, end, SpanTable.attr(taskSpan(attr), -1, 0, 0), attr, index);
                case WORK_INLINE, WORK_KWORKER ->
                        spans.add(start, end, SpanTable.attr(workKind(attr), peer, fn, 0), value, index);
                case MODE_SWITCH -> {
                    spans.add(start, end, SpanTable.attr(SpanKind.MODE_SWITCH, -1, 0, attr), value, index);
                    global.noteModeSwitch(cpu, spans.size() - 1);
                }
                case TRIGGER -> {
                    spans.add(start, end, SpanTable.attr(SpanKind.TRIGGER, -1, fn, 0), value, index);
                    global.noteTrigger(cpu, spans.size() - 1);
                }
                case HOST_SAMPLE -> samples.add(start, end, SpanTable.attr(SpanKind.HOST_SAMPLE, peer, 0, 0),
                        sampleValue(value, Integer.toUnsignedLong(attr)), index);
                case LOCK_LOCAL, IRQS_OFF, LOCK_HELD_BY_REMOTE -> { }
            }
        }

        @Override
        public void instant(InstantType type, long ts, int peer, int fn, int attr, long value, int index) {
            switch (type) {
                case WORK_QUEUED -> global.noteQueued(cpu, queued.add(ts, value, peer, fn, index), value);
                case WORK_STARTED -> global.noteStarted(cpu, ts, value, attr == 1, fn);
                case TRIGGER_STARTED -> global.noteTriggerStart(cpu, ts);
                case LOCK_ACQUIRED -> { }
            }
        }
    }
}
