package io.qpwscope.engine.spec;

/**
 * @param ringRecords per-CPU ring capacity (power of two)
 * @param lockEvents  trace every lock operation
 */
public record TraceSpec(int ringRecords, boolean lockEvents) {
    /** 65536 records x 24 bytes = 1.5 MiB per CPU. */
    public static final TraceSpec DEFAULT = new TraceSpec(65536, true);
}
