package io.qpwscope.trace.decode;

import io.qpwscope.trace.Recording;

/**
 * The owner's view of remote lock holds: "cpu O's lock held by remote cpu H". The owner's
 * own records do not show it (only a spin on its own lock does, with the holder at the time);
 * the holder's LOCK_RELEASE with LOCK_REMOTE does. Spans are reported lane by lane of the
 * holders, so in end order per holder, not overall.
 */
public final class RemoteHolds {
    private RemoteHolds() {}

    /** Reports every hold of {@code owner}'s lock by another CPU as {@link SpanType#LOCK_HELD_BY_REMOTE}, peer = holder. */
    public static void of(Recording rec, int owner, SpanSink sink) {
        for (int h = 0; h < rec.cpus(); h++) {
            if (h != owner) LaneDecoder.decode(rec.lane(h), mirror(h, owner, sink));
        }
    }

    /** @return a sink for holder lane {@code holder}'s decoder that passes on its holds of {@code owner}'s lock, mirrored. */
    public static SpanSink mirror(int holder, int owner, SpanSink sink) {
        return (type, start, end, peer, fn, attr, value, depth, flags, index) -> {
            if (type == SpanType.LOCK_REMOTE && peer == owner) {
                sink.span(SpanType.LOCK_HELD_BY_REMOTE, start, end, holder, fn, attr, value, 0, flags, index);
            }
        };
    }
}
