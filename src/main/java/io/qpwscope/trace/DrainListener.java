package io.qpwscope.trace;

/**
 * Told by the {@link TraceCollector} thread what it just appended, once per drained batch
 * (never per event), so a file writer or an index can stream from the {@link LaneEvents}
 * without polling. Calls come from the collector thread only, in order per lane. A listener
 * that throws is removed and its error kept ({@link TraceCollector#listenerFailure()}): the
 * recording in memory goes on.
 */
public interface DrainListener {
    /** Events {@code [fromIndex, toIndex)} of {@code lane} (CPU {@code cpu}) were just published. */
    void onEvents(int cpu, LaneEvents lane, int fromIndex, int toIndex);

    /** The end of one collector round that appended something; total overruns so far. */
    default void onRoundEnd(long totalOverruns) {}

    /** After the final drain of {@link TraceCollector#halt()}: nothing more will come. */
    default void onHalt(long totalOverruns) {}
}
