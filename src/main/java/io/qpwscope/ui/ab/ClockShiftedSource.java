package io.qpwscope.ui.ab;

import io.qpwscope.ui.timeline.index.ModelledCosts;
import io.qpwscope.ui.timeline.index.TimelineSource;

/**
 * A {@link TimelineSource} read on another clock: every record's ts plus {@code shiftNs}
 * (never negative, since the timeline's index takes a negative ts for "none yet"). Payloads
 * are durations and sequence numbers, never times, so only ts moves. The A/B window puts both
 * machines on the clock of the one that started first this way, so both rulers, hover cards
 * and read-outs name the same instant at the same x.
 */
final class ClockShiftedSource implements TimelineSource {
    private final TimelineSource inner;
    private final long shiftNs;

    ClockShiftedSource(TimelineSource inner, long shiftNs) {
        if (shiftNs < 0) throw new IllegalArgumentException("shift must not be negative: " + shiftNs);
        this.inner = inner;
        this.shiftNs = shiftNs;
    }

    long shiftNs() { return shiftNs; }

    @Override public int cpus() { return inner.cpus(); }

    @Override public boolean isolated(int cpu) { return inner.isolated(cpu); }

    @Override public ModelledCosts modelledCosts() { return inner.modelledCosts(); }

    @Override public int size(int cpu) { return inner.size(cpu); }

    @Override public int firstIndex(int cpu) { return inner.firstIndex(cpu); }

    @Override public long ts(int cpu, int index) { return inner.ts(cpu, index) + shiftNs; }

    @Override public long meta(int cpu, int index) { return inner.meta(cpu, index); }

    @Override public long payload(int cpu, int index) { return inner.payload(cpu, index); }

    @Override
    public int lowerBound(int cpu, long t) {
        // every shifted ts is >= shiftNs: a bound below it is the first record, not a search for a negative ts
        return inner.lowerBound(cpu, t < shiftNs ? Long.MIN_VALUE : t - shiftNs);
    }

    @Override
    public void readRows(int cpu, int from, long[] dst, int count) {
        inner.readRows(cpu, from, dst, count);
        if (shiftNs == 0) return;
        for (int k = 0; k < count; k++) dst[3 * k] += shiftNs;
    }
}
