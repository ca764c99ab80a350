package io.qpwscope.ftrace;

/** A line that looks like an ftrace event line but does not parse; the message is {@code file:line: what}. */
public class FtraceFormatException extends Exception {
    private final int line;

    public FtraceFormatException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
        this.line = line;
    }

    /** For a binary trace: {@code message} is already {@code file: where: what}; {@link #line()} is 0. */
    protected FtraceFormatException(String message) {
        super(message);
        this.line = 0;
    }

    /** 1-based line number in the trace file. */
    public int line() {
        return line;
    }
}
