package io.qpwscope.trace.decode;

import static io.qpwscope.trace.TraceDescriptor.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HOST_SPLIT records: companions split the interval just before them; samples make spans of their own. */
class HostSplitGrammarTest {
    private static final int CPU = 3;
    private static final int FN = Site.WORK_LRU_DRAIN.code;

    record Split(SpanType of, long start, long end, int measured, long steal, long pause) {}

    private final List<Split> splits = new ArrayList<>();
    private final List<long[]> samples = new ArrayList<>();
    private final LaneDecoder d = new LaneDecoder(new SpanSink() {
        @Override
        public void span(SpanType type, long start, long end, int peer, int fn, int attr, long value, int depth, int flags, int index) {
            if (type == SpanType.HOST_SAMPLE) samples.add(new long[] {start, end, peer, Integer.toUnsignedLong(attr), value});
        }

        @Override
        public void hostSplit(SpanType of, long start, long end, int measuredCpu, long stealNs, long pauseNs, int index) {
            splits.add(new Split(of, start, end, measuredCpu, stealNs, pauseNs));
        }
    });

    private void ev(long ts, EventType type, int peer, int fn, int aux, long payload) {
        d.event(ts, meta(type, CPU, peer, fn, aux), payload);
    }

    private void companion(long ts, EventType of, int measured, long steal, long pause) {
        ev(ts, EventType.HOST_SPLIT, measured, of.code, TraceDescriptor.hostSplitAux(pause),
                TraceDescriptor.hostSplitPayload(steal, 0));
    }

    @Test
    void shouldSplitTheInterruptionJustBeforeTheCompanion() {
        ev(1_000_000, EventType.INTERRUPTION, 0, FN, 0, 337_000);
        companion(1_000_000, EventType.INTERRUPTION, -1, 330_000, 2_000);
        assertEquals(List.of(new Split(SpanType.INTERRUPTION, 663_000, 1_000_000, -1, 330_000, 2_000)), splits);
    }

    @Test
    void shouldNameTheHolderWhoseStealASpinWaitSuffered() {
        ev(500, EventType.SPIN_WAIT, 1, FN, 1, 400);
        companion(500, EventType.SPIN_WAIT, 1, 390, 0);
        assertEquals(new Split(SpanType.SPIN_WAIT, 100, 500, 1, 390, 0), splits.getFirst());
    }

    @Test
    void shouldIgnoreACompanionThatDoesNotFollowTheRecordItNames() {
        ev(500, EventType.NOISE, -1, 0, 0, 100);
        ev(600, EventType.TASK_SWITCH, -1, 0, TraceDescriptor.TASK_USER << 8 | TraceDescriptor.TASK_KWORKER, 0);
        companion(600, EventType.NOISE, -1, 50, 0); // not right after the NOISE record
        ev(700, EventType.FLUSH_WAIT, 1, FN, 0, 100);
        companion(700, EventType.INTERRUPTION, -1, 50, 0); // names another record type
        assertTrue(splits.isEmpty(), splits.toString());
    }

    @Test
    void shouldMakeASampleSpanOverItsWindowWithStealAndPause() {
        ev(5_000_000, EventType.HOST_SPLIT, -1, 0, TraceDescriptor.hostSplitAux(12_345),
                TraceDescriptor.hostSplitPayload(250_000, 1_000_000));
        assertEquals(1, samples.size());
        assertEquals(4_000_000, samples.getFirst()[0]);
        assertEquals(5_000_000, samples.getFirst()[1]);
        assertEquals(12_345, samples.getFirst()[3]);
        assertEquals(250_000, samples.getFirst()[4]);
        assertTrue(splits.isEmpty());
    }

    @Test
    void shouldSaturateTheThirtyTwoBitFieldsInsteadOfWrapping() {
        long p = TraceDescriptor.hostSplitPayload(5_000_000_000L, 9_000_000_000L);
        assertEquals(TraceDescriptor.HOST_SPLIT_MAX, TraceDescriptor.hostSteal(p));
        assertEquals(TraceDescriptor.HOST_SPLIT_MAX, TraceDescriptor.hostWindow(p));
        long m = meta(EventType.HOST_SPLIT, CPU, -1, 0, TraceDescriptor.hostSplitAux(6_000_000_000L));
        assertEquals(TraceDescriptor.HOST_SPLIT_MAX, TraceDescriptor.hostPause(m));
    }
}
