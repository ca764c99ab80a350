package io.qpwscope.trace.decode;

/**
 * Receives what a {@link LaneDecoder} decodes, with primitive arguments only so that the hot
 * path allocates nothing per event. Spans are reported when they close, so in order of their
 * end ts (ties in record order), except that {@link LaneDecoder#finish()} reports the spans
 * still open at the end.
 */
@FunctionalInterface
public interface SpanSink {
    /**
     * One decoded interval.
     *
     * @param type  what it is; {@link SpanType} says which records make it and what
     *              {@code peer}, {@code fn}, {@code attr}, {@code value} mean for it
     * @param start start ts (ns), {@code <= end}
     * @param end   end ts (ns)
     * @param depth nesting depth of work spans (0 = outermost), 0 for other types
     * @param flags {@link SpanFlags} bits (0 for a span whose records were all seen)
     * @param index lane index of the record that closed the span (for a truncated span:
     *              the last record fed)
     */
    void span(SpanType type, long start, long end, int peer, int fn, int attr, long value, int depth, int flags, int index);

    /**
     * The host's share of the span reported just before (a HOST_SPLIT companion record): of
     * {@code [start, end]}, {@code stealNs} the measured thread waited for a host core and
     * {@code pauseNs} it was blocked; the rest, {@code end - start - stealNs - pauseNs}, is the
     * model's (kernel) part. Ignored unless overridden.
     *
     * @param of          the type of the span it splits (the one reported just before)
     * @param measuredCpu whose thread was measured: -1 for this lane's CPU, else a spin's lock holder or a flush's target
     * @param index       lane index of the HOST_SPLIT record
     */
    default void hostSplit(SpanType of, long start, long end, int measuredCpu, long stealNs, long pauseNs, int index) {
    }

    /** A point event (see {@link InstantType}); ignored unless overridden. */
    default void instant(InstantType type, long ts, int peer, int fn, int attr, long value, int index) {
    }
}
