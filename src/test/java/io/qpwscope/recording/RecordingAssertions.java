package io.qpwscope.recording;

import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

final class RecordingAssertions {
    private RecordingAssertions() {}

    static void assertSameEvents(Recording expected, Recording actual) {
        assertEquals(expected.meta(), actual.meta(), "meta");
        assertEquals(expected.cpus(), actual.cpus(), "cpus");
        for (int c = 0; c < expected.cpus(); c++) {
            assertLanePrefix(expected.lane(c), actual.lane(c), expected.lane(c).size());
        }
    }

    /** actual holds exactly the first {@code n} events of expected. */
    static void assertLanePrefix(LaneEvents expected, LaneEvents actual, int n) {
        assertEquals(n, actual.size(), "events of cpu " + expected.cpu());
        for (int i = 0; i < n; i++) {
            if (expected.ts(i) != actual.ts(i) || expected.meta(i) != actual.meta(i) || expected.payload(i) != actual.payload(i)) {
                fail("cpu " + expected.cpu() + " event " + i + " differs: expected " + expected.ts(i) + "/"
                        + Long.toHexString(expected.meta(i)) + "/" + expected.payload(i) + " got " + actual.ts(i) + "/"
                        + Long.toHexString(actual.meta(i)) + "/" + actual.payload(i));
            }
        }
    }
}
