package io.qpwscope.trace;

/**
 * The stretch of a run that an in-memory recording holds. Until the recording first goes
 * over its budget it holds everything from ts 0; after that it rolls.
 *
 * @param fromTs        every lane is complete from here (0 when nothing was dropped)
 * @param toTs          the newest event
 * @param droppedEvents events dropped from memory so far, over all lanes
 */
public record RecordingWindow(long fromTs, long toTs, long droppedEvents) {
    /** @return true once events were dropped: memory holds the last {@link #spanNs()} only */
    public boolean rolled() {
        return droppedEvents > 0;
    }

    public long spanNs() {
        return Math.max(0, toTs - fromTs);
    }
}
