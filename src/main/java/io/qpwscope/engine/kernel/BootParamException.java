package io.qpwscope.engine.kernel;

/**
 * A malformed value in a kernel command line or cpulist. {@link #offset()} is where in the
 * parsed text the problem starts, so a caller can point at the exact column.
 */
public final class BootParamException extends IllegalArgumentException {
    private final int offset;

    public BootParamException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** @return offset in the parsed text (0 = its first character). */
    public int offset() {
        return offset;
    }
}
