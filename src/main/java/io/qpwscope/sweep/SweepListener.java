package io.qpwscope.sweep;

/** Hears a sweep's progress, on the sweeping thread. Both methods do nothing by default. */
public interface SweepListener {
    /**
     * A run starts.
     * @param index 0-based run number; {@code total} runs in all (values x 2 modes)
     */
    default void starting(int index, int total, String value, int qpw) {}

    /** A run ended with {@code row}; {@code done} runs of {@code total} are finished. */
    default void finished(int done, int total, SweepRow row) {}
}
