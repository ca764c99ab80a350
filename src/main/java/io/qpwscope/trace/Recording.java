package io.qpwscope.trace;

/**
 * An in-memory recording: metadata plus one {@link LaneEvents} per CPU. Filled by one writer
 * (the live collector, or a file reader) and read concurrently by the UI and exporters.
 */
public final class Recording {
    private final RecordingMeta meta;
    private final LaneEvents[] lanes;
    private volatile long overruns;

    public Recording(RecordingMeta meta) {
        this.meta = meta;
        this.lanes = new LaneEvents[meta.cpus()];
        for (int c = 0; c < lanes.length; c++) lanes[c] = new LaneEvents(c);
    }

    public RecordingMeta meta() {
        return meta;
    }

    public int cpus() {
        return lanes.length;
    }

    public LaneEvents lane(int cpu) {
        return lanes[cpu];
    }

    /** Writer only: appends a record to the lane of the CPU that wrote it. */
    public void append(long ts, long meta, long payload) {
        lanes[TraceDescriptor.cpu(meta)].append(ts, meta, payload);
    }

    public long eventCount() {
        long n = 0;
        for (LaneEvents l : lanes) n += l.size();
        return n;
    }

    /** Latest timestamp over all lanes. */
    public long endTs() {
        long t = 0;
        for (LaneEvents l : lanes) t = Math.max(t, l.lastTs());
        return t;
    }

    /** Records lost to full rings while recording (never hidden). */
    public long overruns() {
        return overruns;
    }

    public void setOverruns(long overruns) {
        this.overruns = overruns;
    }
}
