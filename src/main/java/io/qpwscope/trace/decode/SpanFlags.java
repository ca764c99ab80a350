package io.qpwscope.trace.decode;

/** Bits of the {@code flags} argument of {@link SpanSink#span}: how much of a span the lane's records show. */
public final class SpanFlags {
    private SpanFlags() {}

    /**
     * The span was still open when the lane ended ({@link LaneDecoder#finish()}): it is
     * closed at the lane's last ts, its real end lies later.
     */
    public static final int TRUNCATED = 1;
    /**
     * The record that opened it is not in the lane (it came before the recording began or
     * was dropped by an overrun). A task run then starts at the lane's first ts (it was
     * running at least from there); a work run, whose lost start can lie anywhere, is
     * reported zero-length at its end.
     */
    public static final int START_UNKNOWN = 1 << 1;
    /**
     * Its end record is missing: a nested work run still open when an enclosing one ended is
     * closed at the enclosing run's end.
     */
    public static final int END_UNKNOWN = 1 << 2;

    public static boolean truncated(int flags) {
        return (flags & TRUNCATED) != 0;
    }

    public static boolean complete(int flags) {
        return flags == 0;
    }
}
