package io.qpwscope.scenario;

/**
 * A malformed value inside a JSON string (a cpulist, a boot line token). {@link #offset()} is
 * where in that string the problem starts, so the loader can point at the exact column.
 */
public final class ValueSyntaxException extends IllegalArgumentException {
    private final int offset;

    public ValueSyntaxException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** @return offset in the string value (0 = first character inside the quotes). */
    public int offset() {
        return offset;
    }
}
