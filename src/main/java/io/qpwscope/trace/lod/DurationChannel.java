package io.qpwscope.trace.lod;

import io.qpwscope.trace.EventType;

/**
 * Event types whose payload is a duration ending at the event's ts; the index keeps the
 * maximum per bucket for each, so a 2 µs interruption stays visible in a 1 s bucket.
 */
public enum DurationChannel {
    NOISE(EventType.NOISE),
    INTERRUPTION(EventType.INTERRUPTION),
    SPIN(EventType.SPIN_WAIT),
    FLUSH(EventType.FLUSH_WAIT);

    public static final int COUNT = 4;
    /** Channel index per event type code (256 entries), -1 if the type has none. */
    static final int[] OF_TYPE = new int[256];
    static {
        java.util.Arrays.fill(OF_TYPE, -1);
        for (DurationChannel c : values()) OF_TYPE[c.type.code] = c.ordinal();
    }

    public final EventType type;

    DurationChannel(EventType type) {
        this.type = type;
    }
}
