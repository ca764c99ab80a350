package io.qpwscope.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.trace.Trigger;
import io.qpwscope.ui.FxSupport;
import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * "Last drain" pauses the view with the drain drawn, even when the index's frontier has
 * stepped back behind it (a lane published late records) and the live edge was capped lower
 * (live A/B caps both views at the older of their ends): the screen must not stay empty.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JumpToDrainCursorTest {
    private static final long TRIGGER_START = 1_000_000, TRIGGER_END = 1_200_000;

    @Test
    void shouldShowTheDrainItJumpsToWhenTheFrontierLagsBehindIt() throws Exception {
        FxSupport.start();
        double[] cursor = FxSupport.onFx(() -> {
            Recording rec = new Recording(SyntheticRecording.meta(SyntheticRecording.Config.demo(3_000_000, 1_000)));
            for (int c = 0; c < 4; c++) rec.append(1_000, switchTo(c), 0);
            rec.append(TRIGGER_START, TraceDescriptor.meta(EventType.TRIGGER, 0, -1, Trigger.FLUSHBUFS.code, 0), 0);
            rec.append(TRIGGER_END, TraceDescriptor.meta(EventType.TRIGGER, 0, -1, Trigger.FLUSHBUFS.code, 1), TRIGGER_END - TRIGGER_START);
            rec.append(500_000, switchTo(1), 0);
            for (int c : new int[] {0, 2, 3}) rec.append(2_000_000, switchTo(c), 0);
            TimelineView v = new TimelineView();
            v.resize(800, 300);
            v.setSource(new RecordingTimelineSource(rec));
            v.setLiveEdgeCap(500_000);
            v.renderNow();
            double live = v.clock().cursor();
            rec.append(700_000, switchTo(1), 0); // cpu1 publishes late: the frontier steps back to its 500 µs
            double frontier = v.index().frontier();
            boolean jumped = v.jumpToLastDrain();
            v.renderNow();
            return new double[] {live, frontier, jumped ? 1 : 0, v.clock().cursor(), v.frame().dataEnd};
        });
        assertEquals(500_000, cursor[0], "live, the view was held at the cap");
        assertEquals(500_000, cursor[1], "the frontier stepped back behind the drain");
        assertEquals(1, cursor[2], "there is a drain to jump to");
        assertTrue(cursor[3] >= TRIGGER_END, "paused with the drain drawn, cursor " + cursor[3]);
        assertTrue(cursor[4] >= TRIGGER_END, "the frame draws data up to the drain's end: " + cursor[4]);
    }

    private static long switchTo(int cpu) {
        return TraceDescriptor.meta(EventType.TASK_SWITCH, cpu, -1, 0, TraceDescriptor.TASK_USER << 8 | TraceDescriptor.TASK_USER);
    }
}
