package io.qpwscope.trace.lod;

import io.qpwscope.trace.LaneEvents;

/**
 * One index block (64 events) of a lane copied onto the heap with one bulk read, so walking
 * consecutive events costs an array read each instead of an off-heap access each. Holds
 * events below the size it was bound to (fixed for a query). One per reading object.
 */
final class RowBuffer {
    private final long[] rows = new long[LaneIndex.BLOCK * 3];
    private LaneEvents lane;
    private int size;
    private int block = -1;
    private int base;

    void bind(LaneEvents lane, int size) {
        this.lane = lane;
        this.size = size;
        this.block = -1;
    }

    private int row(int i) {
        final int b = i >>> LaneIndex.BLOCK_SHIFT;
        if (b != block) {
            base = b << LaneIndex.BLOCK_SHIFT;
            lane.readRows(base, rows, 0, Math.min(LaneIndex.BLOCK, size - base));
            block = b;
        }
        return (i - base) * 3;
    }

    long ts(int i) {
        return rows[row(i)];
    }

    long meta(int i) {
        return rows[row(i) + 1];
    }

    long payload(int i) {
        return rows[row(i) + 2];
    }
}
