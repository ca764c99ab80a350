package io.qpwscope.ui.ab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.Recording;
import io.qpwscope.ui.timeline.SyntheticRecording;
import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import io.qpwscope.ui.timeline.index.SpanTable;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import org.junit.jupiter.api.Test;

/** One machine of the A/B pair read on the other's clock: the same timeline, every time moved by the shift. */
class ClockShiftedSourceTest {
    private static final long SHIFT = 7_300_000;
    private static final Recording REC = SyntheticRecording.build(SyntheticRecording.Config.demo(20_000_000, 1_000));

    private static TimelineIndex indexed(TimelineIndex idx) {
        while (idx.catchUp(1 << 20) > 0) { }
        return idx;
    }

    @Test
    void shouldIndexTheSameSpansEachLaterByTheShift() {
        TimelineIndex own = indexed(new TimelineIndex(new RecordingTimelineSource(REC)));
        TimelineIndex shifted = indexed(new TimelineIndex(new ClockShiftedSource(new RecordingTimelineSource(REC), SHIFT)));
        assertEquals(own.startTs() + SHIFT, shifted.startTs());
        assertEquals(own.endTs() + SHIFT, shifted.endTs());
        int compared = 0;
        for (int c = 0; c < REC.cpus(); c++) {
            SpanTable a = own.lane(c).spans(), b = shifted.lane(c).spans();
            assertEquals(a.size(), b.size(), "spans of cpu" + c);
            compared += a.size() - a.first();
            for (int i = a.first(); i < a.size(); i++) {
                assertEquals(a.start(i) + SHIFT, b.start(i), "start of span " + i + " on cpu" + c);
                assertEquals(a.end(i) + SHIFT, b.end(i), "end of span " + i + " on cpu" + c);
                assertEquals(a.kind(i), b.kind(i));
                assertEquals(a.value(i), b.value(i), "durations and sequence numbers do not move");
            }
            assertEquals(own.interruptions(c), shifted.interruptions(c));
        }
        assertTrue(compared > 100, "spans compared: " + compared);
    }

    @Test
    void shouldFindTheSameRecordForATimeOnTheShiftedClock() {
        var own = new RecordingTimelineSource(REC);
        var shifted = new ClockShiftedSource(own, SHIFT);
        for (int c = 0; c < own.cpus(); c++) {
            int n = own.size(c);
            for (int i = 0; i < n; i += Math.max(1, n / 50)) {
                long t = own.ts(c, i);
                assertEquals(own.lowerBound(c, t), shifted.lowerBound(c, t + SHIFT), "cpu" + c + " record " + i);
                assertEquals(t + SHIFT, shifted.ts(c, i));
            }
            assertEquals(0, shifted.lowerBound(c, 0), "a time before the shifted clock's first record finds the first");
            assertEquals(0, shifted.lowerBound(c, Long.MIN_VALUE));
            assertEquals(n, shifted.lowerBound(c, Long.MAX_VALUE));
            long[] a = new long[30], b = new long[30];
            own.readRows(c, 5, a, 10);
            shifted.readRows(c, 5, b, 10);
            for (int k = 0; k < 10; k++) a[3 * k] += SHIFT;
            assertArrayEquals(a, b, "bulk rows: ts shifted, meta and payload as they are");
        }
    }

    @Test
    void shouldPutBothMachinesOnTheClockOfTheOneThatStartedFirst() {
        assertArrayEquals(new long[] {0, SHIFT}, AbPane.clockShifts(SHIFT), "B started later: B moves onto A's clock");
        assertArrayEquals(new long[] {SHIFT, 0}, AbPane.clockShifts(-SHIFT), "B started first: A moves onto B's clock");
        assertArrayEquals(new long[] {0, 0}, AbPane.clockShifts(0));
        assertThrows(IllegalArgumentException.class, () -> new ClockShiftedSource(new RecordingTimelineSource(REC), -1),
                "a negative ts would read as 'none yet' in the index");
    }
}
