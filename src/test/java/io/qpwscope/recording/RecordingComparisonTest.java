package io.qpwscope.recording;

import io.qpwscope.trace.CpuMetrics;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static io.qpwscope.trace.TraceDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

class RecordingComparisonTest {

    private static void add(Recording r, long ts, EventType t, int cpu, int peer, int aux, long payload) {
        r.append(ts, TraceDescriptor.meta(t, cpu, peer, Site.LRU_FBATCHES.code, aux), payload);
    }

    /** cpu 0 queues two work items to cpu 1; one interrupts cpu 1, the other runs inline on cpu 0 (qpw=1). */
    private static Recording small(long shift) {
        RecordingMeta m = SyntheticRecording.meta("small", 2);
        Recording r = new Recording(m);
        add(r, shift + 100, EventType.TRIGGER, 0, -1, 0, 0);
        add(r, shift + 110, EventType.WORK_QUEUED, 0, 1, 0, 1);
        add(r, shift + 120, EventType.LOCK_ACQUIRE, 0, 0, 0, 0);
        add(r, shift + 150, EventType.LOCK_RELEASE, 0, 0, 0, 30);
        add(r, shift + 160, EventType.WORK_QUEUED, 0, 1, 0, 2);
        add(r, shift + 170, EventType.SPIN_WAIT, 0, 1, 1, 40);
        add(r, shift + 170, EventType.LOCK_ACQUIRE, 0, 1, LOCK_REMOTE | LOCK_SPIN, 40);
        add(r, shift + 180, EventType.WORK_START, 0, 1, 1, 2);
        add(r, shift + 190, EventType.WORK_END, 0, 1, 1, 2);
        add(r, shift + 240, EventType.LOCK_RELEASE, 0, 1, LOCK_REMOTE | LOCK_SPIN, 70);
        add(r, shift + 250, EventType.TRIGGER, 0, -1, 1, 150);
        add(r, shift + 130, EventType.WORK_START, 1, 1, 0, 1);
        add(r, shift + 200, EventType.WORK_END, 1, 1, 0, 1);
        add(r, shift + 210, EventType.INTERRUPTION, 1, 0, 0, 90);
        add(r, shift + 300, EventType.NOISE, 1, -1, 0, 500);
        add(r, shift + 400, EventType.NOISE, 1, -1, 0, 200);
        return r;
    }

    @Test
    void shouldSummariseEachCpuFromItsEvents() {
        RecordingSummary s = RecordingSummary.of(small(0));
        CpuMetrics c0 = s.cpus().get(0);
        CpuMetrics c1 = s.cpus().get(1);
        assertEquals(1, c0.localLockOps());
        assertEquals(1, c0.remoteLockOps());
        assertEquals(50.0, c0.lockHoldMeanNs());
        assertEquals(40, c0.spinWaitMaxNs());
        assertEquals(2, c0.workQueuedBy());
        assertEquals(0, c0.workQueuedTo());
        assertEquals(1, c0.workExecutedOn());
        assertEquals(1, c0.workExecutedInline());
        assertEquals(2, c1.workQueuedTo());
        assertEquals(1, c1.workExecutedOn());
        assertEquals(0, c1.workExecutedInline());
        assertEquals(1, c1.interruptions());
        assertEquals(90, c1.interruptionMaxNs());
        assertEquals(90, c1.interruptionTotalNs());
        assertEquals(2, c1.noiseCount());
        assertEquals(500, c1.noiseMaxNs());
        assertTrue(c1.isolated());
        assertEquals(2, s.all().localLockOps() + s.all().remoteLockOps());
        assertEquals(500, s.all().noiseMaxNs());
        assertEquals(16, s.events());
    }

    @Test
    void shouldAlignBOnAsAxisAtTheNthOccurrence() {
        RecordingComparison cmp = RecordingComparison.of(small(0), small(5_000));
        assertEquals(OptionalLong.of(-5_000), cmp.alignAt(EventType.TRIGGER, 0));
        assertEquals(OptionalLong.of(-5_000), cmp.alignAt(EventType.WORK_QUEUED, 1));
        assertEquals(OptionalLong.empty(), cmp.alignAt(EventType.TRIGGER, 1), "only trigger starts count");
        assertEquals(OptionalLong.of(5_110), RecordingComparison.occurrenceTs(small(5_000), EventType.WORK_QUEUED, 0));
        assertEquals(OptionalLong.of(300), RecordingComparison.occurrenceTs(small(0), EventType.NOISE, 0));
    }
}
