package io.qpwscope.ftrace.tracedat;

import io.qpwscope.ftrace.FtraceFormatException;

/** A trace.dat that cannot be read; the message is one line, {@code file: byte N: what}. */
public final class TraceDatFormatException extends FtraceFormatException {
    private final long offset;

    public TraceDatFormatException(String source, long offset, String message) {
        super(source + ": byte " + offset + ": " + message);
        this.offset = offset;
    }

    /** Byte offset in the file where the problem was found (for a compressed section: the section's). */
    public long offset() {
        return offset;
    }
}
