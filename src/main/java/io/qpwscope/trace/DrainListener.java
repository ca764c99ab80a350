package io.qpwscope.trace;

/**
 * Told by the {@link TraceCollector} thread what it just appended, once per drained batch
 * (never per event), so a file writer or an index can stream from the {@link LaneEvents}
 * without polling. Calls come from the collector thread only, in order per lane. A listener
 * that throws is removed and its error kept ({@link TraceCollector#listenerFailure()}) and
 * reported to the collector's failure handler (an engine then fails: a recorder that lost
 * events must not go unnoticed); without a handler the recording in memory goes on.
 */
public interface DrainListener {
    /** Events {@code [fromIndex, toIndex)} of {@code lane} (CPU {@code cpu}) were just published. */
    void onEvents(int cpu, LaneEvents lane, int fromIndex, int toIndex);

    /** The end of one collector round that appended something; total overruns so far. */
    default void onRoundEnd(long totalOverruns) {}

    /**
     * A live recording over its memory budget is about to drop events {@code [.., toIndex)} of
     * {@code lane} (its oldest chunk): a listener that still needs some of them (a file writer
     * with events pending) takes them now. Indices stay absolute after the drop.
     */
    default void beforeDrop(int cpu, LaneEvents lane, int toIndex) {}

    /** After the final drain of {@link TraceCollector#halt()}: nothing more will come. */
    default void onHalt(long totalOverruns) {}
}
