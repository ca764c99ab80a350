package io.qpwscope.recording;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.trace.Trigger;

import java.util.SplittableRandom;

import static io.qpwscope.trace.TraceDescriptor.*;

/**
 * Builds recordings shaped like the engine's (every event type, in the lanes and with the
 * fields the engine uses) for format, exporter and benchmark tests. The last CPU is isolated.
 * Halfway through, qpw flips from 0 to 1: before, remote work runs on the target's kworker
 * and interrupts it; after, it runs inline on the caller under the target's spinlock.
 */
public final class SyntheticRecording {
    private SyntheticRecording() {}

    public static RecordingMeta meta(String name, int cpus) {
        long isolated = 1L << (cpus - 1);
        return RecordingMeta.builder().scenario(name, "{\"name\":\"" + name + "\"}").machine(cpus, isolated, 2, false)
                .config(true, false, false).boot("qpw=0 nohz_full=" + (cpus - 1), 0, "qpw=0: boot parameter")
                .originEpochNanos(1_700_000_000_000_000_000L).recordedBy("25", "test").build();
    }

    /** @return a recording with at least {@code minEvents} events, deterministic for a seed. */
    public static Recording generate(int cpus, long minEvents, long seed) {
        return new Builder(meta("synthetic", cpus), seed).build(minEvents, 0);
    }

    /** Like {@link #generate} with an idle gap of {@code gapNs} every 1000 rounds (ts deltas beyond an int). */
    public static Recording generateWithGaps(int cpus, long minEvents, long seed, long gapNs) {
        return new Builder(meta("gaps", cpus), seed).build(minEvents, gapNs);
    }

    private static final class Builder {
        private final Recording rec;
        private final int cpus;
        private final SplittableRandom rnd;
        private long now = 1_000;
        private long seq;
        private int qpw;

        Builder(RecordingMeta meta, long seed) {
            this.rec = new Recording(meta);
            this.cpus = meta.cpus();
            this.rnd = new SplittableRandom(seed);
        }

        Recording build(long minEvents, long gapNs) {
            long round = 0;
            long half = -1;
            while (rec.eventCount() < minEvents) {
                round++;
                for (int c = 0; c < cpus; c++) localLock(c);
                if (round % 7 == 0) spinWait(0, cpus - 1);
                if (round % 50 == 0) noise(cpus - 1);
                if (round % 100 == 0 && cpus > 1) irqs(1);
                if (round % 200 == 0) flushbufs();
                if (half < 0 && rec.eventCount() >= minEvents / 2) {
                    half = round;
                    modeSwitch(1);
                }
                if (gapNs > 0 && round % 1000 == 0) now += gapNs;
            }
            if (half < 0) modeSwitch(1);
            rec.setOverruns(3);
            return rec;
        }

        private long tick(int maxNs) {
            now += 1 + rnd.nextInt(maxNs);
            return now;
        }

        private void add(long ts, EventType type, int cpu, int peer, int fn, int aux, long payload) {
            rec.append(ts, TraceDescriptor.meta(type, cpu, peer, fn, aux), payload);
        }

        private void localLock(int c) {
            int flags = qpw == 1 ? LOCK_SPIN : 0;
            long t0 = tick(200);
            add(t0, EventType.LOCK_ACQUIRE, c, c, Site.LRU_FBATCHES.code, flags, 0);
            long t1 = tick(80);
            add(t1, EventType.LOCK_RELEASE, c, c, Site.LRU_FBATCHES.code, flags, t1 - t0);
        }

        private void spinWait(int c, int owner) {
            long t0 = tick(50);
            long t1 = tick(300);
            add(t1, EventType.SPIN_WAIT, c, owner, Site.SLUB_SHEAVES.code, owner, t1 - t0);
            int flags = LOCK_REMOTE | LOCK_SPIN | LOCK_TRYLOCK;
            add(t1, EventType.LOCK_ACQUIRE, c, owner, Site.SLUB_SHEAVES.code, flags, t1 - t0);
            long t2 = tick(100);
            add(t2, EventType.LOCK_RELEASE, c, owner, Site.SLUB_SHEAVES.code, flags, t2 - t1);
        }

        private void noise(int c) {
            long t = tick(5_000);
            add(t, EventType.NOISE, c, -1, 0, 0, 1_000 + rnd.nextInt(4_000));
        }

        private void irqs(int c) {
            long t0 = tick(100);
            add(t0, EventType.IRQ_OFF, c, -1, Site.BH_LRU.code, 0, 0);
            long t1 = tick(500);
            add(t1, EventType.IRQ_ON, c, -1, Site.BH_LRU.code, 0, t1 - t0);
        }

        private void modeSwitch(int newQpw) {
            long t = tick(1_000);
            add(t, EventType.MODE_SWITCH, 0, -1, 0, newQpw, 20_000);
            qpw = newQpw;
        }

        /** blockdev --flushbufs on cpu 0: lru_add_drain_all over every other CPU. */
        private void flushbufs() {
            long start = tick(1_000);
            add(start, EventType.TRIGGER, 0, -1, Trigger.FLUSHBUFS.code, 0, 0);
            int site = Site.WORK_LRU_DRAIN.code;
            long firstSeq = seq;
            for (int t = 1; t < cpus; t++) add(tick(100), EventType.WORK_QUEUED, 0, t, site, 0, seq++);
            for (int t = 1; t < cpus; t++) {
                long s = firstSeq + t - 1;
                if (qpw == 0) {
                    long off = tick(2_000);
                    add(off, EventType.TASK_SWITCH, t, -1, 0, TASK_USER << 8 | TASK_KWORKER, 0);
                    add(tick(100), EventType.WORK_START, t, t, site, 0, s);
                    long a = tick(100);
                    add(a, EventType.LOCK_ACQUIRE, t, t, Site.LRU_FBATCHES.code, 0, 0);
                    long r = tick(500);
                    add(r, EventType.LOCK_RELEASE, t, t, Site.LRU_FBATCHES.code, 0, r - a);
                    add(tick(100), EventType.WORK_END, t, t, site, 0, s);
                    long on = tick(100);
                    add(on, EventType.TASK_SWITCH, t, -1, 0, TASK_KWORKER << 8 | TASK_USER, 0);
                    add(on, EventType.INTERRUPTION, t, 0, site, 0, on - off);
                    // the host's share of it: half steal, a quarter pause (a HOST_SPLIT companion)
                    add(on, EventType.HOST_SPLIT, t, -1, EventType.INTERRUPTION.code,
                            io.qpwscope.trace.TraceDescriptor.hostSplitAux((on - off) / 4),
                            io.qpwscope.trace.TraceDescriptor.hostSplitPayload((on - off) / 2, 0));
                } else {
                    add(tick(100), EventType.WORK_START, 0, t, site, 1, s);
                    int flags = LOCK_REMOTE | LOCK_SPIN;
                    long a = tick(100);
                    add(a, EventType.LOCK_ACQUIRE, 0, t, Site.LRU_FBATCHES.code, flags, 0);
                    if (t == 1) { // PREEMPT_RT: cpu 1's task blocks on its own lock and boosts the holder
                        add(tick(50), EventType.PI_BOOST, 0, t, 0, 1, 49);
                        add(tick(200), EventType.LOCK_BLOCK, t, 0, Site.LRU_FBATCHES.code, TASK_USER, 150);
                    }
                    long r = tick(500);
                    add(r, EventType.LOCK_RELEASE, 0, t, Site.LRU_FBATCHES.code, flags, r - a);
                    if (t == 1) add(tick(10), EventType.PI_BOOST, 0, -1, 0, 0, 120);
                    add(tick(100), EventType.WORK_END, 0, t, site, 1, s);
                }
            }
            if (qpw == 0) {
                long w = tick(100);
                add(w, EventType.FLUSH_WAIT, 0, cpus - 1, site, 0, w - start);
            }
            long end = tick(100);
            add(end, EventType.TRIGGER, 0, -1, Trigger.FLUSHBUFS.code, 1, end - start);
        }
    }
}
