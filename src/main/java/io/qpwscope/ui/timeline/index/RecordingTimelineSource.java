package io.qpwscope.ui.timeline.index;

import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;

/** A {@link TimelineSource} over an in-memory {@link Recording} (live or loaded). */
public final class RecordingTimelineSource implements TimelineSource {
    private final Recording recording;
    private final LaneEvents[] lanes;
    private ModelledCosts costs;

    public RecordingTimelineSource(Recording recording) {
        this.recording = recording;
        this.lanes = new LaneEvents[recording.cpus()];
        for (int c = 0; c < lanes.length; c++) lanes[c] = recording.lane(c);
    }

    public Recording recording() {
        return recording;
    }

    @Override public int cpus() { return lanes.length; }

    @Override public boolean isolated(int cpu) { return recording.meta().isolated(cpu); }

    @Override
    public ModelledCosts modelledCosts() {
        if (costs == null) costs = ModelledCosts.ofScenarioJson(recording.meta().scenarioJson());
        return costs;
    }

    @Override public int size(int cpu) { return lanes[cpu].size(); }

    @Override public int firstIndex(int cpu) { return lanes[cpu].firstIndex(); }

    @Override public long ts(int cpu, int index) { return lanes[cpu].ts(index); }

    @Override public long meta(int cpu, int index) { return lanes[cpu].meta(index); }

    @Override public long payload(int cpu, int index) { return lanes[cpu].payload(index); }

    @Override public int lowerBound(int cpu, long t) { return lanes[cpu].lowerBound(t); }

    @Override public void readRows(int cpu, int from, long[] dst, int count) { lanes[cpu].readRows(from, dst, 0, count); }
}
