package io.qpwscope.ui.timeline.index;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.TraceDescriptor;
import java.util.Arrays;

/**
 * What the timeline knows about one lane, built incrementally from its records: prefix sums
 * of the frequent records ({@link DenseField}), the derived intervals ({@link SpanTable}),
 * the work it queued ({@link QueueTable}) and the intervals still open at the indexed edge.
 * FX thread only.
 */
public final class LaneIndex {
    /** Records read at most at each end of a gap to recover an unknown task kind. */
    static final int GAP_SCAN = 1 << 20;
    /** Unknown task kind: no TASK_SWITCH seen yet. */
    public static final int TASK_UNKNOWN = -1;

    private final int cpu;
    private final SpanTable spans = new SpanTable();
    private final QueueTable queued = new QueueTable();
    /** cum[b * COUNT + f] = sum of field f over events [0, b * BLOCK). */
    private long[] cum = new long[DenseField.COUNT * 64];
    private final long[] running = new long[DenseField.COUNT];
    private int indexed;
    private long firstTs = -1;
    private long lastTs;

    private int taskKind = TASK_UNKNOWN;
    private long taskSince;
    private long workStart = -1;
    private long workSeq;
    private int workAttr;
    private long triggerStart = -1;
    private int triggerFn;
    /** Skipped index ranges [gapStart[k], gapEnd[k]), block aligned. */
    private int[] gapStart = new int[4];
    private int[] gapEnd = new int[4];
    private int gaps;
    private long skipped;

    LaneIndex(int cpu) {
        this.cpu = cpu;
    }

    public int cpu() { return cpu; }

    public SpanTable spans() { return spans; }

    public QueueTable queued() { return queued; }

    /** @return number of source events indexed so far. */
    public int indexed() { return indexed; }

    public long firstTs() { return firstTs; }

    public long lastTs() { return lastTs; }

    /** @return the TASK_* kind running since {@link #taskSince()}, or {@link #TASK_UNKNOWN}. */
    public int taskKind() { return taskKind; }

    public long taskSince() { return taskSince; }

    /** @return start of the work running now, or -1. */
    public long openWorkStart() { return workStart; }

    public int openWorkAttr() { return workAttr; }

    public long openWorkSeq() { return workSeq; }

    /** @return start of the trigger running now, or -1. */
    public long openTriggerStart() { return triggerStart; }

    public int openTriggerFn() { return triggerFn; }

    /**
     * Writes into {@code out} the sums of every {@link DenseField} over events [0, i).
     * @param i an index in [0, indexed]
     */
    public void cumulativeAt(TimelineSource src, int i, long[] out) {
        if (i >= indexed) {
            System.arraycopy(running, 0, out, 0, DenseField.COUNT);
            return;
        }
        int b = i >>> DenseField.BLOCK_SHIFT;
        System.arraycopy(cum, b * DenseField.COUNT, out, 0, DenseField.COUNT);
        if (inGap(i)) return;
        for (int k = b << DenseField.BLOCK_SHIFT; k < i; k++) {
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
        if (taskKind == TASK_UNKNOWN) {
            // the lane's first TASK_SWITCH fell into the gap: look for the last one near either end
            int lastSwitch = lastOfType(src, EventType.TASK_SWITCH.code, Math.max(from, target - GAP_SCAN), target);
            if (lastSwitch < 0) lastSwitch = lastOfType(src, EventType.TASK_SWITCH.code, from, Math.min(target, from + GAP_SCAN));
            if (lastSwitch >= 0) taskKind = TraceDescriptor.aux(src.meta(cpu, lastSwitch)) & 0xFF;
        }
        if (taskKind != TASK_UNKNOWN) taskSince = endTs;
        workStart = -1;
        triggerStart = -1;
        indexed = target;
    }

    /** @return the last index in [from, to) with this record type, or -1 (reads only the meta column). */
    private int lastOfType(TimelineSource src, int type, int from, int to) {
        for (int i = to - 1; i >= from; i--) if (TraceDescriptor.type(src.meta(cpu, i)) == type) return i;
        return -1;
    }

    /** Indexes events [indexed, limit) of this lane. */
    void index(TimelineSource src, int limit, TimelineIndex global) {
        final long[] rows = global.rowBuffer();
        final int batch = rows.length / 3;
        for (int base = indexed; base < limit; base += batch) {
            int n = Math.min(batch, limit - base);
            src.readRows(cpu, base, rows, n);
            for (int k = 0; k < n; k++) {
                int i = base + k;
                if ((i & (DenseField.BLOCK - 1)) == 0) storeBlock(i >>> DenseField.BLOCK_SHIFT);
                long ts = rows[3 * k];
                long meta = rows[3 * k + 1];
                long payload = rows[3 * k + 2];
                if (firstTs < 0) firstTs = ts;
                lastTs = ts;
                DenseField.accumulate(meta, payload, running);
                derive(i, ts, meta, payload, global);
            }
        }
        indexed = Math.max(indexed, limit);
    }

    private void storeBlock(int b) {
        int need = (b + 1) * DenseField.COUNT;
        if (need > cum.length) cum = Arrays.copyOf(cum, Math.max(need, cum.length * 2));
        System.arraycopy(running, 0, cum, b * DenseField.COUNT, DenseField.COUNT);
    }

    private void derive(int i, long ts, long meta, long payload, TimelineIndex global) {
        int type = TraceDescriptor.type(meta);
        int peer = TraceDescriptor.peer(meta);
        int fn = TraceDescriptor.fn(meta);
        int aux = TraceDescriptor.aux(meta);
        if (type == EventType.LOCK_ACQUIRE.code) {
            return;
        }
        if (type == EventType.LOCK_RELEASE.code) {
            if ((aux & TraceDescriptor.LOCK_REMOTE) != 0) {
                spans.add(ts - payload, ts, SpanTable.attr(SpanKind.REMOTE_HOLDING, peer, fn, aux), payload, i);
                global.noteRemoteHold(peer, cpu);
            }
        } else if (type == EventType.SPIN_WAIT.code) {
            spans.add(ts - payload, ts, SpanTable.attr(SpanKind.SPIN, peer, fn, 0), aux, i);
        } else if (type == EventType.NOISE.code) {
            spans.add(ts - payload, ts, SpanTable.attr(SpanKind.NOISE, peer, fn, 0), payload, i);
        } else if (type == EventType.INTERRUPTION.code) {
            spans.add(ts - payload, ts, SpanTable.attr(SpanKind.INTERRUPTION, peer, fn, 0), payload, i);
            global.noteInterruption(cpu, payload);
        } else if (type == EventType.FLUSH_WAIT.code) {
            spans.add(ts - payload, ts, SpanTable.attr(SpanKind.FLUSH_WAIT, peer, fn, 0), payload, i);
        } else if (type == EventType.TASK_SWITCH.code) {
            int prev = aux >>> 8 & 0xFF;
            int next = aux & 0xFF;
            long since = taskKind == TASK_UNKNOWN ? firstTs : taskSince;
            int kind = taskKind == TASK_UNKNOWN ? prev : taskKind;
            if (ts > since) spans.add(since, ts, SpanTable.attr(taskSpan(kind), -1, 0, 0), kind, i);
            taskKind = next;
            taskSince = ts;
        } else if (type == EventType.WORK_QUEUED.code) {
            int q = queued.add(ts, payload, peer, fn, i);
            global.noteQueued(cpu, q, payload);
        } else if (type == EventType.WORK_START.code) {
            if (workStart >= 0) closeWork(ts, i);
            workStart = ts;
            workSeq = payload;
            workAttr = SpanTable.attr(aux == 1 ? SpanKind.WORK_INLINE : SpanKind.WORK_KWORKER, peer, fn, 0);
            global.noteStarted(cpu, ts, payload, aux == 1, fn);
        } else if (type == EventType.WORK_END.code) {
            if (workStart >= 0 && workSeq == payload) {
                closeWork(ts, i);
            } else {
                SpanKind k = aux == 1 ? SpanKind.WORK_INLINE : SpanKind.WORK_KWORKER;
                spans.add(ts, ts, SpanTable.attr(k, peer, fn, 0), payload, i);
            }
        } else if (type == EventType.MODE_SWITCH.code) {
            spans.add(ts - payload, ts, SpanTable.attr(SpanKind.MODE_SWITCH, -1, 0, aux), payload, i);
            global.noteModeSwitch(cpu, spans.size() - 1);
        } else if (type == EventType.TRIGGER.code) {
            if (aux == 0) {
                triggerStart = ts;
                triggerFn = fn;
                global.noteTriggerStart(cpu, ts);
            } else {
                long s = triggerStart >= 0 ? triggerStart : ts - payload;
                spans.add(s, ts, SpanTable.attr(SpanKind.TRIGGER, -1, fn, 0), payload, i);
                triggerStart = -1;
                global.noteTrigger(cpu, spans.size() - 1);
            }
        }
    }

    private void closeWork(long ts, int i) {
        spans.add(workStart, ts, workAttr, workSeq, i);
        workStart = -1;
    }

    public static SpanKind taskSpan(int kind) {
        return switch (kind) {
            case TraceDescriptor.TASK_KWORKER -> SpanKind.TASK_KWORKER;
            case TraceDescriptor.TASK_IDLE -> SpanKind.TASK_IDLE;
            default -> SpanKind.TASK_USER;
        };
    }
}
