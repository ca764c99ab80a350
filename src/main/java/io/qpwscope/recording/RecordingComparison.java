package io.qpwscope.recording;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.TraceDescriptor;

import java.util.Arrays;
import java.util.OptionalLong;

/** Two recordings side by side: their summaries, and offsets that put B on A's time axis. */
public final class RecordingComparison {
    private final Recording recA;
    private final Recording recB;
    private final RecordingSummary a;
    private final RecordingSummary b;

    private RecordingComparison(Recording recA, Recording recB) {
        this.recA = recA;
        this.recB = recB;
        this.a = RecordingSummary.of(recA);
        this.b = RecordingSummary.of(recB);
    }

    public static RecordingComparison of(Recording a, Recording b) {
        return new RecordingComparison(a, b);
    }

    public RecordingSummary a() {
        return a;
    }

    public RecordingSummary b() {
        return b;
    }

    /**
     * The offset to add to B's timestamps so that B's {@code occurrence}-th (0-based) event of
     * {@code type} lines up with A's, e.g. {@code alignAt(EventType.TRIGGER, 0)} aligns the first
     * trigger. For {@link EventType#TRIGGER} only trigger starts count.
     * @return empty if either recording has fewer occurrences
     */
    public OptionalLong alignAt(EventType type, int occurrence) {
        OptionalLong ta = occurrenceTs(recA, type, occurrence);
        OptionalLong tb = occurrenceTs(recB, type, occurrence);
        return ta.isPresent() && tb.isPresent() ? OptionalLong.of(ta.getAsLong() - tb.getAsLong()) : OptionalLong.empty();
    }

    /** ts of the {@code occurrence}-th (0-based, in time order over all lanes) event of a type. */
    public static OptionalLong occurrenceTs(Recording rec, EventType type, int occurrence) {
        if (occurrence < 0) throw new IllegalArgumentException("occurrence " + occurrence);
        int want = occurrence + 1;
        long[] found = new long[Math.min(want, 1 << 16) * Math.max(1, rec.cpus())];
        int n = 0;
        for (int c = 0; c < rec.cpus(); c++) {
            LaneEvents lane = rec.lane(c);
            int inLane = 0;
            for (int i = lane.firstIndex(), size = lane.size(); i < size && inLane < want; i++) {
                long meta = lane.meta(i);
                if (TraceDescriptor.type(meta) != type.code) continue;
                if (type == EventType.TRIGGER && TraceDescriptor.aux(meta) != 0) continue;
                if (n == found.length) found = Arrays.copyOf(found, n * 2);
                found[n++] = lane.ts(i);
                inLane++;
            }
        }
        if (n < want) return OptionalLong.empty();
        Arrays.sort(found, 0, n);
        return OptionalLong.of(found[occurrence]);
    }
}
