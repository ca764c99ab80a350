package io.qpwscope.trace.decode;

import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import java.util.Arrays;

/**
 * Work items followed across CPUs by sequence number: WORK_QUEUED on the queuing CPU, then
 * WORK_START and WORK_END on the CPU that ran it (its target's kworker, or the caller inline).
 * One row per sequence number, in order of first sight. Fed by {@link #sink(int)} per lane
 * (any lane order, any batch split), or built for a whole recording by {@link #of}.
 * A row whose end was not seen has {@link #endTs} -1; whose queue point was not seen,
 * {@link #queuedCpu} -1; whose start was not seen, {@link #startCpu} -1.
 */
public final class WorkLinks {
    private long[] seq = new long[64];
    private int[] queuedCpu = new int[64];
    private long[] queuedTs = new long[64];
    private int[] target = new int[64];
    private int[] fn = new int[64];
    private int[] startCpu = new int[64];
    private long[] startTs = new long[64];
    private boolean[] inline = new boolean[64];
    private long[] endTs = new long[64];
    private int size;
    /** Open addressing seq -> row + 1 (0 = empty). */
    private long[] keys = new long[256];
    private int[] slots = new int[256];

    /** Links every work item of a recording (decodes each lane once). */
    public static WorkLinks of(Recording rec) {
        WorkLinks links = new WorkLinks();
        for (int c = 0; c < rec.cpus(); c++) LaneDecoder.decode(rec.lane(c), links.sink(c));
        return links;
    }

    /** Links the work items of these lanes. */
    public static WorkLinks of(LaneEvents... lanes) {
        WorkLinks links = new WorkLinks();
        for (LaneEvents l : lanes) LaneDecoder.decode(l, links.sink(l.cpu()));
        return links;
    }

    /** @return a sink for the decoder of lane {@code cpu} that records its side of each link. */
    public SpanSink sink(int cpu) {
        return new SpanSink() {
            @Override
            public void span(SpanType type, long start, long end, int peer, int f, int attr, long value, int depth, int flags,
                             int index) {
                if (type.isWork() && !SpanFlags.truncated(flags)) ended(cpu, end, value);
            }

            @Override
            public void instant(InstantType type, long ts, int peer, int f, int attr, long value, int index) {
                if (type == InstantType.WORK_QUEUED) queued(cpu, ts, value, peer, f);
                else if (type == InstantType.WORK_STARTED) started(cpu, ts, value, attr == 1);
            }
        };
    }

    public void queued(int cpu, long ts, long sequence, int targetCpu, int site) {
        int r = row(sequence);
        queuedCpu[r] = cpu;
        queuedTs[r] = ts;
        target[r] = targetCpu;
        fn[r] = site;
    }

    public void started(int cpu, long ts, long sequence, boolean inlineRun) {
        int r = row(sequence);
        startCpu[r] = cpu;
        startTs[r] = ts;
        inline[r] = inlineRun;
    }

    public void ended(int cpu, long ts, long sequence) {
        int r = row(sequence);
        if (startCpu[r] < 0) startCpu[r] = cpu;
        endTs[r] = ts;
    }

    public int size() { return size; }

    /** @return the row of a sequence number, or -1. */
    public int find(long sequence) {
        int mask = keys.length - 1;
        for (int h = hash(sequence) & mask; slots[h] != 0; h = (h + 1) & mask) {
            if (keys[h] == sequence) return slots[h] - 1;
        }
        return -1;
    }

    public long seq(int r) { return seq[r]; }

    public int queuedCpu(int r) { return queuedCpu[r]; }

    public long queuedTs(int r) { return queuedTs[r]; }

    public int target(int r) { return target[r]; }

    public int fn(int r) { return fn[r]; }

    public int startCpu(int r) { return startCpu[r]; }

    public long startTs(int r) { return startTs[r]; }

    public boolean inline(int r) { return inline[r]; }

    public long endTs(int r) { return endTs[r]; }

    /** @return whether queue point, start and end of the row were all seen. */
    public boolean complete(int r) {
        return queuedCpu[r] >= 0 && startTs[r] >= 0 && endTs[r] >= 0;
    }

    private int row(long sequence) {
        int mask = keys.length - 1;
        int h = hash(sequence) & mask;
        for (; slots[h] != 0; h = (h + 1) & mask) {
            if (keys[h] == sequence) return slots[h] - 1;
        }
        if (size == seq.length) growRows();
        int r = size++;
        seq[r] = sequence;
        queuedCpu[r] = -1;
        queuedTs[r] = -1;
        target[r] = -1;
        startCpu[r] = -1;
        startTs[r] = -1;
        endTs[r] = -1;
        keys[h] = sequence;
        slots[h] = r + 1;
        if (size * 2 > keys.length) rehash();
        return r;
    }

    private static int hash(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32);
    }

    private void growRows() {
        int n = seq.length * 2;
        seq = Arrays.copyOf(seq, n);
        queuedCpu = Arrays.copyOf(queuedCpu, n);
        queuedTs = Arrays.copyOf(queuedTs, n);
        target = Arrays.copyOf(target, n);
        fn = Arrays.copyOf(fn, n);
        startCpu = Arrays.copyOf(startCpu, n);
        startTs = Arrays.copyOf(startTs, n);
        inline = Arrays.copyOf(inline, n);
        endTs = Arrays.copyOf(endTs, n);
    }

    private void rehash() {
        keys = new long[keys.length * 2];
        slots = new int[slots.length * 2];
        int mask = keys.length - 1;
        for (int r = 0; r < size; r++) {
            int h = hash(seq[r]) & mask;
            while (slots[h] != 0) h = (h + 1) & mask;
            keys[h] = seq[r];
            slots[h] = r + 1;
        }
    }
}
