package io.qpwscope.trace.lod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import org.junit.jupiter.api.Test;

/** What the lanes show for hand-written event sequences with known answers. */
class LaneSemanticsTest {
    private static final int REMOTE = TraceDescriptor.LOCK_REMOTE | TraceDescriptor.LOCK_SPIN;
    private static final int USER_TO_KWORKER = (TraceDescriptor.TASK_USER << 8) | TraceDescriptor.TASK_KWORKER;
    private static final int KWORKER_TO_USER = (TraceDescriptor.TASK_KWORKER << 8) | TraceDescriptor.TASK_USER;

    private final Recording rec = SyntheticTrace.recording(2);
    private final StateProbe probe = new StateProbe();
    private final BucketSummary out = new BucketSummary();

    private void ev(int cpu, long ts, EventType type, int peer, int aux, long payload) {
        rec.lane(cpu).append(ts, TraceDescriptor.meta(type, cpu, peer, Site.LRU_FBATCHES.code, aux), payload);
    }

    private RecordingIndex index() {
        RecordingIndex index = new RecordingIndex(rec);
        index.catchUp();
        return index;
    }

    @Test
    void shouldShowALocalLockHeldBetweenAcquireAndRelease() {
        ev(0, 100, EventType.LOCK_ACQUIRE, 0, 0, 0);
        ev(0, 250, EventType.LOCK_RELEASE, 0, 0, 150);
        ev(0, 1000, EventType.NOISE, -1, 0, 5);
        RecordingIndex index = index();
        assertEquals(LaneState.TASK.code(), index.stateAt(0, 99, probe));
        assertEquals(LaneState.LOCAL_LOCK.code(), index.stateAt(0, 100, probe));
        assertEquals(1, probe.localLocks());
        assertEquals(LaneState.LOCAL_LOCK.code(), index.stateAt(0, 249, probe));
        assertEquals(LaneState.TASK.code(), index.stateAt(0, 250, probe));
        index.summarize(0, 0, 500, 3, out);
        assertEquals(150, out.stateNs(LaneState.LOCAL_LOCK, 0));
        assertEquals(350, out.stateNs(LaneState.TASK, 0));
        assertEquals(1, out.count(EventType.LOCK_ACQUIRE, 0));
        assertEquals(0, out.count(EventType.NOISE, 1));
        assertEquals(1, out.count(EventType.NOISE, 2), "the last event, at the recording's end");
        assertEquals(LaneState.NO_DATA, out.dominant(2), "no time after the recording's end");
    }

    @Test
    void shouldShowTheKworkerOverTheLockItTakesAndKeepTheInterruptionsMaximum() {
        ev(0, 1_000, EventType.TASK_SWITCH, -1, USER_TO_KWORKER, 0);
        ev(0, 1_100, EventType.WORK_START, 0, 0, 7);
        ev(0, 1_200, EventType.LOCK_ACQUIRE, 0, 0, 0);
        ev(0, 1_800, EventType.LOCK_RELEASE, 0, 0, 600);
        ev(0, 1_900, EventType.WORK_END, 0, 0, 7);
        ev(0, 3_000, EventType.TASK_SWITCH, -1, KWORKER_TO_USER, 0);
        ev(0, 3_000, EventType.INTERRUPTION, 1, 0, 2_000);
        ev(0, 5_000, EventType.NOISE, -1, 0, 50);
        RecordingIndex index = index();
        assertEquals(LaneState.KWORKER.code(), index.stateAt(0, 1_500, probe));
        assertEquals(1, probe.localLocks());
        assertEquals(TraceDescriptor.TASK_KWORKER, probe.taskKind());
        assertEquals(LaneState.TASK.code(), index.stateAt(0, 3_000, probe));
        index.summarize(0, 0, 5_120, 1, out);
        assertEquals(2_000, out.stateNs(LaneState.KWORKER, 0));
        assertEquals(3_000, out.stateNs(LaneState.TASK, 0));
        assertEquals(2_000, out.maxNs(DurationChannel.INTERRUPTION, 0));
        assertEquals(50, out.maxNs(DurationChannel.NOISE, 0));
        assertEquals(LaneState.TASK.code(), out.dominant(0));
        index.summarize(0, 1_000, 2_000, 1, out);
        assertEquals(LaneState.KWORKER.code(), out.dominant(0));
    }

    @Test
    void shouldCarveSpinsAndFlushWaitsOutOfTheTimeBeforeThem() {
        ev(0, 100, EventType.WORK_QUEUED, 1, 0, 1);
        ev(0, 400, EventType.SPIN_WAIT, 1, 1, 200);     // spinning [200, 400)
        ev(0, 400, EventType.LOCK_ACQUIRE, 1, REMOTE, 200);
        ev(0, 500, EventType.LOCK_RELEASE, 1, REMOTE, 100);
        ev(0, 900, EventType.FLUSH_WAIT, 1, 0, 10_000); // reaches back past 500: clamped to [500, 900)
        RecordingIndex index = index();
        assertEquals(LaneState.TASK.code(), index.stateAt(0, 199, probe));
        assertEquals(LaneState.SPIN.code(), index.stateAt(0, 200, probe));
        assertEquals(LaneState.REMOTE_LOCK.code(), index.stateAt(0, 450, probe));
        assertEquals(1, probe.lastPeer());
        assertEquals(LaneState.FLUSH_WAIT.code(), index.stateAt(0, 500, probe));
        index.summarize(0, 0, 1_000, 1, out);
        assertEquals(200, out.stateNs(LaneState.SPIN, 0));
        assertEquals(100, out.stateNs(LaneState.REMOTE_LOCK, 0));
        assertEquals(400, out.stateNs(LaneState.FLUSH_WAIT, 0));
        assertEquals(200, out.stateNs(LaneState.TASK, 0));
        assertEquals(200, out.maxNs(DurationChannel.SPIN, 0));
        assertEquals(10_000, out.maxNs(DurationChannel.FLUSH, 0));
        assertEquals(LaneState.FLUSH_WAIT.code(), out.dominant(0));
    }

    @Test
    void shouldReportWhoHoldsThisCpusLockAndLetItDominateOnlyWithMoreTime() {
        // cpu 1 holds cpu 0's lock over [1000, 1100); cpu 0 spins on it for 60 ns of that
        ev(1, 1_000, EventType.LOCK_ACQUIRE, 0, REMOTE, 0);
        ev(1, 1_100, EventType.LOCK_RELEASE, 0, REMOTE, 100);
        ev(0, 1_100, EventType.SPIN_WAIT, 0, 1, 60);
        ev(0, 1_100, EventType.LOCK_ACQUIRE, 0, TraceDescriptor.LOCK_SPIN, 60);
        ev(0, 1_150, EventType.LOCK_RELEASE, 0, TraceDescriptor.LOCK_SPIN, 50);
        ev(0, 2_000, EventType.NOISE, -1, 0, 1);
        RecordingIndex index = index();
        assertEquals(LaneState.SPIN.code(), index.stateAt(0, 1_050, probe));
        assertEquals(1, probe.heldBy());
        assertEquals(1_000, probe.heldSince());
        index.stateAt(0, 1_100, probe);
        assertEquals(-1, probe.heldBy(), "released at 1100");
        index.summarize(0, 1_000, 100, 1, out);
        assertEquals(100, out.stateNs(LaneState.HELD_BY_REMOTE, 0));
        assertEquals(60, out.stateNs(LaneState.SPIN, 0));
        assertEquals(40, out.stateNs(LaneState.TASK, 0));
        assertEquals(1, out.heldBy(0));
        assertEquals(LaneState.HELD_BY_REMOTE.code(), out.dominant(0));
        index.summarize(0, 0, 2_000, 1, out);
        assertEquals(LaneState.TASK.code(), out.dominant(0));
        assertEquals(1, out.heldBy(0));
        assertEquals(LaneState.REMOTE_LOCK.code(), index.stateAt(1, 1_050, probe), "the holder's own lane");
    }

    @Test
    void shouldNotLetAnEndWithoutItsBeginLeaveALockHeldForever() {
        ev(0, 100, EventType.LOCK_RELEASE, 0, 0, 50);
        ev(0, 200, EventType.WORK_END, 0, 0, 3);
        ev(0, 300, EventType.LOCK_ACQUIRE, 0, 0, 0);
        ev(0, 400, EventType.LOCK_RELEASE, 0, 0, 100);
        ev(0, 500, EventType.NOISE, -1, 0, 1);
        RecordingIndex index = index();
        assertEquals(LaneState.TASK.code(), index.stateAt(0, 150, probe));
        assertEquals(LaneState.LOCAL_LOCK.code(), index.stateAt(0, 350, probe));
        assertEquals(LaneState.TASK.code(), index.stateAt(0, 450, probe));
    }

    @Test
    void shouldUseTheFileFormatsTypeCodesInTheMachine() {
        assertEquals(EventType.LOCK_ACQUIRE.code, LaneMachine.LOCK_ACQUIRE);
        assertEquals(EventType.LOCK_RELEASE.code, LaneMachine.LOCK_RELEASE);
        assertEquals(EventType.WORK_START.code, LaneMachine.WORK_START);
        assertEquals(EventType.WORK_END.code, LaneMachine.WORK_END);
        assertEquals(EventType.TASK_SWITCH.code, LaneMachine.TASK_SWITCH);
        assertEquals(EventType.IRQ_OFF.code, LaneMachine.IRQ_OFF);
        assertEquals(EventType.IRQ_ON.code, LaneMachine.IRQ_ON);
        assertEquals(EventType.TRIGGER.code, LaneMachine.TRIGGER_EVENT);
    }

    @Test
    void shouldShowIdleAfterASwitchToTheIdleTask() {
        ev(0, 100, EventType.TASK_SWITCH, -1, (TraceDescriptor.TASK_USER << 8) | TraceDescriptor.TASK_IDLE, 0);
        ev(0, 900, EventType.TASK_SWITCH, -1, (TraceDescriptor.TASK_IDLE << 8) | TraceDescriptor.TASK_USER, 0);
        RecordingIndex index = index();
        assertEquals(LaneState.IDLE.code(), index.stateAt(0, 500, probe));
        index.summarize(0, 0, 1_000, 1, out);
        assertEquals(800, out.stateNs(LaneState.IDLE, 0));
        assertEquals(LaneState.IDLE.code(), out.dominant(0));
    }

    @Test
    void shouldNotFoldMaximaFromTheBlockAfterABucketsLastEvent() {
        // 64 blocks of NOISE 10 ns apart; one long noise in block 63, after the bucket edge
        int spike = 63 * LaneIndex.BLOCK + 40;
        for (int i = 0; i < 70 * LaneIndex.BLOCK; i++) ev(0, 10L * i, EventType.NOISE, -1, 0, i == spike ? 1_000_000 : 10);
        RecordingIndex index = index();
        long edge = 10L * (63 * LaneIndex.BLOCK + 20);
        index.summarize(0, 0, edge, 2, out);
        assertEquals(10, out.maxNs(DurationChannel.NOISE, 0));
        assertEquals(1_000_000, out.maxNs(DurationChannel.NOISE, 1));
        assertEquals(63 * LaneIndex.BLOCK + 20, out.count(EventType.NOISE, 0));
    }
}
