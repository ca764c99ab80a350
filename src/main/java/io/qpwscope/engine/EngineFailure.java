package io.qpwscope.engine;

import io.qpwscope.engine.qpw.WorkFunctionException;

/**
 * The first uncaught failure of a run: which thread, which emulated CPU (-1 for the trace
 * collector, the triggers thread or a recorder), and the cause.
 *
 * @param thread the failing thread's name ({@code cpu/3}, {@code trace-collector}, ...)
 * @param cpu    the emulated CPU, or -1 when the thread is not a CPU
 * @param cause  what was thrown
 */
public record EngineFailure(String thread, int cpu, Throwable cause) {
    /** @return the CPU number of a thread named {@code cpu/N}, else -1 */
    public static int cpuOf(String threadName) {
        if (threadName == null || !threadName.startsWith("cpu/")) return -1;
        try {
            return Integer.parseInt(threadName.substring(4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The failure with the work function it happened in unwrapped ({@link WorkFunctionException}). */
    public Throwable rootCause() {
        Throwable t = cause;
        while (t instanceof WorkFunctionException w && w.getCause() != null) t = w.getCause();
        return t;
    }

    /** One line: {@code cpu/3 failed: LockdepException: cpu3: ... in work fn drain_local_pages}. */
    public String describe() {
        Throwable root = rootCause();
        StringBuilder b = new StringBuilder(thread).append(" failed: ").append(root.getClass().getSimpleName());
        if (root.getMessage() != null) b.append(": ").append(root.getMessage().lines().findFirst().orElse(""));
        if (cause instanceof WorkFunctionException w) b.append(" in work fn ").append(w.function());
        else if (cause.getStackTrace().length > 0) {
            StackTraceElement at = root.getStackTrace().length > 0 ? root.getStackTrace()[0] : cause.getStackTrace()[0];
            b.append(" at ").append(at.getClassName().substring(at.getClassName().lastIndexOf('.') + 1))
                    .append('.').append(at.getMethodName());
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
