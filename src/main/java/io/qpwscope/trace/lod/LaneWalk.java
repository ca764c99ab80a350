package io.qpwscope.trace.lod;

import io.qpwscope.trace.TraceDescriptor;

/**
 * A position in a lane with everything accumulated before it: event counts per type over
 * {@code [0, pos)}, ns per own {@link LaneState} over {@code [0, lastTs)}, and the machine
 * after event {@code pos - 1}. The index builder and every reader cursor walk with the
 * same {@link #step} so their sums agree to the nanosecond.
 */
class LaneWalk {
    /** Count slots: event type codes 0..15; an unknown code counts in slot 0. */
    static final int TYPES = 16;
    static final int STATES = LaneState.OWN_STATES;

    int pos;
    long lastTs;
    long machine = LaneMachine.INITIAL;
    long lastPayload;
    final long[] cum = new long[STATES];
    final int[] counts = new int[TYPES];

    void reset() {
        pos = 0;
        lastTs = 0;
        machine = LaneMachine.INITIAL;
        java.util.Arrays.fill(cum, 0);
        java.util.Arrays.fill(counts, 0);
    }

    /**
     * Takes event {@code pos} (ts, meta, payload) into the sums. A ts below lastTs (a lane
     * that went back in time: not written by this engine) is treated as lastTs.
     */
    final void step(long ts, long meta, long p) {
        final long last = lastTs;
        if (ts < last) ts = last;
        final int type = TraceDescriptor.type(meta);
        final int s = LaneMachine.state(machine);
        final int carve = LaneMachine.carveState(type);
        if (carve >= 0) {
            final long c = carveStart(last, ts, p);
            cum[s] += c - last;
            cum[carve] += ts - c;
        } else {
            cum[s] += ts - last;
        }
        counts[type < TYPES ? type : 0]++;
        machine = LaneMachine.apply(machine, meta);
        lastTs = ts;
        lastPayload = p;
        pos++;
    }

    static long carveStart(long last, long ts, long payload) {
        if (payload <= 0) return ts;
        final long c = ts - payload;
        return c < last ? last : c;
    }

    /**
     * Adds the time {@code [lastTs, x)} to a copy of the sums, for {@code x} not after the
     * next event's ts (the next event: ts, meta, payload, or {@code hasNext} false at the end).
     */
    final void cumAt(long x, boolean hasNext, long nextTs, long nextMeta, long nextPayload, long[] out) {
        System.arraycopy(cum, 0, out, 0, STATES);
        final long last = lastTs;
        if (x <= last) return;
        final int s = LaneMachine.state(machine);
        if (hasNext) {
            final int carve = LaneMachine.carveState(TraceDescriptor.type(nextMeta));
            if (carve >= 0) {
                final long c = carveStart(last, Math.max(nextTs, last), nextPayload);
                if (x > c) {
                    out[s] += c - last;
                    out[carve] += x - c;
                    return;
                }
            }
        }
        out[s] += x - last;
    }

    /** @return the own state at a time x in {@code [lastTs, next ts)}. */
    final int stateAt(long x, boolean hasNext, long nextTs, long nextMeta, long nextPayload) {
        if (hasNext) {
            final int carve = LaneMachine.carveState(TraceDescriptor.type(nextMeta));
            if (carve >= 0 && x >= carveStart(lastTs, Math.max(nextTs, lastTs), nextPayload)) return carve;
        }
        return LaneMachine.state(machine);
    }
}
