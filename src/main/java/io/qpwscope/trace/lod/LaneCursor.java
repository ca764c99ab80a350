package io.qpwscope.trace.lod;

import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.TraceDescriptor;

/**
 * A reader's walk over one lane's index: jumps to any event index through the nearest
 * block snapshot, and moves forward collecting the {@link DurationChannel} maxima of the
 * events it passes (from block maxima where whole blocks are skipped). Reusable; one per
 * reading thread.
 */
final class LaneCursor extends LaneWalk {
    final long[] runMax = new long[DurationChannel.COUNT];
    LaneIndex li;
    LaneEvents lane;
    /** Events visible to this query (the index's count when it began). */
    int size;

    void bind(LaneIndex li) {
        this.li = li;
        this.lane = li.lane;
        this.size = li.indexed();
    }

    void clearMax() {
        java.util.Arrays.fill(runMax, Long.MIN_VALUE);
    }

    /** Positions at event index i (0..size), with the maxima of nothing. */
    void seek(int i) {
        li.load(i >>> LaneIndex.BLOCK_SHIFT, this);
        while (pos < i) step(lane);
        clearMax();
    }

    /** Moves forward to event index target (&gt;= current, &lt;= size), folding maxima of passed events. */
    void advanceTo(int target) {
        final int from = pos;
        if (target - from < LaneIndex.BLOCK || (target >>> LaneIndex.BLOCK_SHIFT) == (from >>> LaneIndex.BLOCK_SHIFT)) {
            while (pos < target) stepWithMax();
            return;
        }
        final int firstWhole = (from + LaneIndex.BLOCK - 1) >>> LaneIndex.BLOCK_SHIFT;
        final int targetBlock = target >>> LaneIndex.BLOCK_SHIFT;
        scanMax(from, firstWhole << LaneIndex.BLOCK_SHIFT);
        li.blockMax(firstWhole, targetBlock, runMax);
        li.load(targetBlock, this);
        while (pos < target) stepWithMax();
    }

    private void stepWithMax() {
        final long meta = step(lane);
        final int c = DurationChannel.OF_TYPE[TraceDescriptor.type(meta)];
        if (c >= 0 && lastPayload > runMax[c]) runMax[c] = lastPayload;
    }

    /** Maxima only (no sums) over events [from, to): reads just the meta word of most events. */
    private void scanMax(int from, int to) {
        final LaneEvents l = lane;
        for (int k = from; k < to; k++) {
            final int c = DurationChannel.OF_TYPE[TraceDescriptor.type(l.meta(k))];
            if (c >= 0) {
                final long p = l.payload(k);
                if (p > runMax[c]) runMax[c] = p;
            }
        }
    }

    /** @return the index of the next event, or -1 at the end. */
    int next() {
        return pos < size ? pos : -1;
    }
}
