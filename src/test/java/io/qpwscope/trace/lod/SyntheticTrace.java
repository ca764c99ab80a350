package io.qpwscope.trace.lod;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import java.util.SplittableRandom;

/**
 * Engine-shaped test lanes from a seed: lock holds (local, remote with spins), inline work,
 * kworker interruptions with their INTERRUPTION and NOISE, irq-off regions, flush waits,
 * triggers, idle periods, coinciding timestamps, long gaps, and a few unmatched end events
 * as an overrun would leave. Test input, not measurements.
 */
public final class SyntheticTrace {
    private final SplittableRandom rnd;
    private final LaneEvents lane;
    private final int cpu;
    private final int cpus;
    private long t;
    private long seq;

    private SyntheticTrace(LaneEvents lane, int cpus, long seed) {
        this.lane = lane;
        this.cpu = lane.cpu();
        this.cpus = cpus;
        this.rnd = new SplittableRandom(seed);
        this.t = rnd.nextLong(0, 2_000);
        this.seq = (long) cpu << 40;
    }

    static Recording recording(int cpus) {
        return new Recording(new RecordingMeta("synthetic", "{}", cpus, 0, 2, false, true, false, false, "",
                1, "", 0, "25", "test"));
    }

    /** Fills every lane of a new recording with about {@code eventsPerLane} events. */
    public static Recording generate(int cpus, int eventsPerLane, long seed) {
        Recording rec = recording(cpus);
        for (int c = 0; c < cpus; c++) {
            SyntheticTrace g = new SyntheticTrace(rec.lane(c), cpus, seed * 31 + c);
            while (rec.lane(c).size() < eventsPerLane) g.episode();
        }
        return rec;
    }

    private void emit(EventType type, int peer, int fn, int aux, long payload) {
        lane.append(t, TraceDescriptor.meta(type, cpu, peer, fn, aux), payload);
    }

    private void advance() {
        int r = rnd.nextInt(100);
        if (r < 10) return; // coinciding with the previous event
        if (r < 75) t += rnd.nextLong(1, 300);
        else if (r < 97) t += rnd.nextLong(300, 30_000);
        else t += rnd.nextLong(30_000, 3_000_000);
    }

    private int other() {
        if (cpus == 1) return cpu;
        int o = rnd.nextInt(cpus - 1);
        return o >= cpu ? o + 1 : o;
    }

    private void localLock(int site) {
        int flags = rnd.nextBoolean() ? TraceDescriptor.LOCK_SPIN : 0;
        if (rnd.nextInt(8) == 0) flags |= TraceDescriptor.LOCK_IRQSAVE;
        long t0 = t;
        emit(EventType.LOCK_ACQUIRE, cpu, site, flags, 0);
        advance();
        if (rnd.nextInt(6) == 0) localLock(Site.MLOCK_FBATCH.code);
        advance();
        emit(EventType.LOCK_RELEASE, cpu, site, flags, t - t0);
    }

    private void remoteLock(int owner, int site) {
        if (rnd.nextInt(3) == 0) {
            long spin = rnd.nextLong(1, 5_000);
            t += spin;
            emit(EventType.SPIN_WAIT, owner, site, owner, spin);
        }
        int flags = TraceDescriptor.LOCK_SPIN | TraceDescriptor.LOCK_REMOTE;
        long t0 = t;
        emit(EventType.LOCK_ACQUIRE, owner, site, flags, 0);
        advance();
        if (rnd.nextInt(5) == 0) {
            long t1 = t;
            emit(EventType.LOCK_ACQUIRE, owner, Site.MLOCK_FBATCH.code, flags, 0);
            advance();
            emit(EventType.LOCK_RELEASE, owner, Site.MLOCK_FBATCH.code, flags, t - t1);
        }
        advance();
        emit(EventType.LOCK_RELEASE, owner, site, flags, t - t0);
    }

    private void episode() {
        advance();
        int r = rnd.nextInt(1000);
        if (r < 350) {
            localLock(Site.LRU_FBATCHES.code);
        } else if (r < 500) {
            remoteLock(other(), Site.SLUB_SHEAVES.code);
        } else if (r < 580) {
            int owner = other();
            long s = ++seq;
            emit(EventType.WORK_START, owner, Site.WORK_LRU_DRAIN.code, 1, s);
            advance();
            remoteLock(owner, Site.LRU_FBATCHES.code);
            advance();
            emit(EventType.WORK_END, owner, Site.WORK_LRU_DRAIN.code, 1, s);
        } else if (r < 660) {
            long off = t;
            int from = other();
            emit(EventType.TASK_SWITCH, -1, 0, (TraceDescriptor.TASK_USER << 8) | TraceDescriptor.TASK_KWORKER, 0);
            advance();
            long s = ++seq;
            emit(EventType.WORK_START, cpu, Site.WORK_LRU_DRAIN.code, 0, s);
            localLock(Site.LRU_FBATCHES.code);
            advance();
            emit(EventType.WORK_END, cpu, Site.WORK_LRU_DRAIN.code, 0, s);
            advance();
            emit(EventType.TASK_SWITCH, -1, 0, (TraceDescriptor.TASK_KWORKER << 8) | TraceDescriptor.TASK_USER, 0);
            emit(EventType.INTERRUPTION, from, Site.WORK_LRU_DRAIN.code, 0, t - off);
            if (rnd.nextBoolean()) emit(EventType.NOISE, -1, 0, 0, t - off + rnd.nextLong(0, 500));
        } else if (r < 720) {
            long t0 = t;
            emit(EventType.IRQ_OFF, -1, 0, 0, 0);
            advance();
            emit(EventType.IRQ_ON, -1, 0, 0, t - t0);
        } else if (r < 780) {
            int target = other();
            long s = ++seq;
            emit(EventType.WORK_QUEUED, target, Site.WORK_SLUB_FLUSH.code, 0, s);
            long w = rnd.nextLong(0, 200_000);
            t += w;
            emit(EventType.FLUSH_WAIT, target, Site.WORK_SLUB_FLUSH.code, 0, w);
        } else if (r < 800) {
            long t0 = t;
            emit(EventType.TRIGGER, -1, 1, 0, 0);
            for (int k = rnd.nextInt(4); k >= 0; k--) {
                advance();
                localLock(Site.LRU_FBATCHES.code);
            }
            advance();
            emit(EventType.TRIGGER, -1, 1, 1, t - t0);
        } else if (r < 840) {
            emit(EventType.TASK_SWITCH, -1, 0, (TraceDescriptor.TASK_USER << 8) | TraceDescriptor.TASK_IDLE, 0);
            t += rnd.nextLong(1, 100_000);
            emit(EventType.TASK_SWITCH, -1, 0, (TraceDescriptor.TASK_IDLE << 8) | TraceDescriptor.TASK_USER, 0);
        } else if (r < 990) {
            emit(EventType.NOISE, -1, 0, 0, rnd.nextLong(1, 20_000));
        } else if (r < 995) {
            // what an overrun leaves: an end without its begin
            if (rnd.nextBoolean()) emit(EventType.LOCK_RELEASE, other(), Site.LRU_FBATCHES.code,
                    TraceDescriptor.LOCK_REMOTE | TraceDescriptor.LOCK_SPIN, rnd.nextLong(1, 50_000));
            else emit(EventType.WORK_END, cpu, Site.WORK_LRU_DRAIN.code, 0, -1);
        } else {
            emit(EventType.MODE_SWITCH, -1, 0, rnd.nextInt(2), rnd.nextLong(1, 10_000));
        }
    }
}
