package io.qpwscope.ui.timeline;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.trace.Trigger;
import java.util.Arrays;

/**
 * A deterministic recording shaped like the engine's output, for renderer tests and the
 * frame benchmark: housekeeping CPUs run a kmalloc loop (a trylock/unlock of their sheaves
 * lock every {@code lockPeriodNs}), isolated CPUs run an RT loop, and cpu0 issues a
 * {@code blockdev --flushbufs} drain every {@code drainPeriodNs}. Before {@code switchAtNs}
 * the kernel is in qpw=0 (work queued to every CPU's kworker: isolated CPUs are interrupted);
 * after it, qpw=1 (cpu0 takes each CPU's lock remotely and runs the work inline; kmalloc
 * loops sometimes spin on their own lock).
 */
public final class SyntheticRecording {
    public record Config(int cpus, long isolatedMask, long durationNs, long lockPeriodNs, long drainPeriodNs,
                         long switchAtNs, int qpwBefore) {
        /** 4 CPUs, cpu3 isolated, a drain every 2 ms, switch to qpw=1 half way. */
        public static Config demo(long durationNs, long lockPeriodNs) {
            return new Config(4, 1L << 3, durationNs, lockPeriodNs, 2_000_000, durationNs / 2, 0);
        }

        /** The duration that yields about {@code events} records with this shape. */
        public static Config forEvents(long events) {
            long lockPeriod = 100;
            long duration = events * lockPeriod / 6;
            return new Config(4, 1L << 3, duration, lockPeriod, 2_000_000, duration / 2, 0);
        }
    }

    private SyntheticRecording() {}

    public static RecordingMeta meta(Config c) {
        return RecordingMeta.builder().scenario("synthetic", "{}").machine(c.cpus, c.isolatedMask, 2, false)
                .config(true, false, false).boot("nohz_full=3", c.qpwBefore, "synthetic test data")
                .recordedBy("25", "test").build();
    }

    public static Recording build(Config c) {
        Recording rec = new Recording(meta(c));
        for (int cpu = 0; cpu < c.cpus; cpu++) {
            Lane lane = new Lane(cpu);
            generate(c, lane);
            for (int i = 0; i < lane.n; i++) rec.append(lane.ts[i], lane.meta[i], lane.payload[i]);
        }
        return rec;
    }

    /** Builds the events of every lane into arrays (for streaming them later). */
    public static Lane[] lanes(Config c) {
        Lane[] out = new Lane[c.cpus];
        for (int cpu = 0; cpu < c.cpus; cpu++) {
            out[cpu] = new Lane(cpu);
            generate(c, out[cpu]);
        }
        return out;
    }

    private static boolean isolated(Config c, int cpu) {
        return (c.isolatedMask >>> cpu & 1) != 0;
    }

    private static void generate(Config c, Lane lane) {
        int cpu = lane.cpu;
        boolean iso = isolated(c, cpu);
        lane.emit(0, EventType.TASK_SWITCH, -1, 0, TraceDescriptor.TASK_IDLE << 8 | TraceDescriptor.TASK_USER, 0);
        long t = 0;
        long seqBase = 0;
        boolean switched = c.switchAtNs < 0;
        for (long drain = c.drainPeriodNs / 2; drain < c.durationNs; drain += c.drainPeriodNs) {
            if (!switched && c.switchAtNs <= drain) {
                t = dense(c, lane, t, c.switchAtNs, iso, c.qpwBefore);
                if (cpu == 0) lane.emit(c.switchAtNs, EventType.MODE_SWITCH, -1, 0, 1 - c.qpwBefore, 20_000);
                switched = true;
            }
            int qpw = switched ? 1 - c.qpwBefore : c.qpwBefore;
            t = dense(c, lane, t, drain, iso, qpw);
            t = drain(c, lane, drain, seqBase, qpw, iso);
            seqBase += c.cpus;
        }
        dense(c, lane, t, c.durationNs, iso, switched ? 1 - c.qpwBefore : c.qpwBefore);
    }

    /** kmalloc loop ops from t up to limit; @return the time reached. */
    private static long dense(Config c, Lane lane, long t, long limit, boolean iso, int qpw) {
        if (iso) return limit;
        int flags = TraceDescriptor.LOCK_TRYLOCK | (qpw == 1 ? TraceDescriptor.LOCK_SPIN : 0);
        long hold = qpw == 1 ? 45 : 35;
        long start = (t + c.lockPeriodNs - 1) / c.lockPeriodNs * c.lockPeriodNs;
        for (long x = start; x + hold < limit; x += c.lockPeriodNs) {
            lane.emit(x, EventType.LOCK_ACQUIRE, lane.cpu, Site.SLUB_SHEAVES.code, flags, 0);
            lane.emit(x + hold, EventType.LOCK_RELEASE, lane.cpu, Site.SLUB_SHEAVES.code, flags, hold);
        }
        return limit;
    }

    /** One flushbufs drain issued by cpu0 at T; @return when this lane is free again. */
    private static long drain(Config c, Lane lane, long T, long seqBase, int qpw, boolean iso) {
        int cpu = lane.cpu;
        int site = Site.WORK_LRU_DRAIN.code;
        int lock = Site.LRU_FBATCHES.code;
        long end = T + 1_000 + c.cpus * 2_500L + 1_000;
        if (cpu == 0) {
            lane.emit(T, EventType.TRIGGER, -1, Trigger.FLUSHBUFS.code, 0, 0);
            for (int k = 0; k < c.cpus; k++) lane.emit(T + 200 + k * 10, EventType.WORK_QUEUED, k, site, 0, seqBase + k);
        }
        if (qpw == 0) {
            long start = T + 2_000 + cpu * 500L;
            if (iso) {
                lane.emit(start - 1_000, EventType.TASK_SWITCH, -1, 0, TraceDescriptor.TASK_USER << 8 | TraceDescriptor.TASK_KWORKER, 0);
            }
            lane.emit(start, EventType.WORK_START, cpu, site, 0, seqBase + cpu);
            lane.emit(start + 100, EventType.LOCK_ACQUIRE, cpu, lock, 0, 0);
            lane.emit(start + 600, EventType.LOCK_RELEASE, cpu, lock, 0, 500);
            lane.emit(start + 1_500, EventType.WORK_END, cpu, site, 0, seqBase + cpu);
            if (iso) {
                lane.emit(start + 2_500, EventType.TASK_SWITCH, -1, 0, TraceDescriptor.TASK_KWORKER << 8 | TraceDescriptor.TASK_USER, 0);
                lane.emit(start + 2_500, EventType.INTERRUPTION, 0, site, 0, 3_500);
                lane.emit(start + 2_600, EventType.NOISE, -1, 0, 0, 3_600);
            }
            if (cpu == 0) {
                long last = T + 2_000 + (c.cpus - 1) * 500L + 2_500;
                lane.emit(last + 200, EventType.FLUSH_WAIT, c.cpus - 1, site, 0, last + 200 - T - 300);
                lane.emit(last + 300, EventType.TRIGGER, -1, Trigger.FLUSHBUFS.code, 1, last + 300 - T);
                return Math.max(end, last + 300);
            }
            return Math.max(end, start + 2_600);
        }
        int flags = TraceDescriptor.LOCK_SPIN;
        if (cpu == 0) {
            for (int k = 0; k < c.cpus; k++) {
                long x = T + 1_000 + k * 2_500L;
                int f = k == 0 ? flags : flags | TraceDescriptor.LOCK_REMOTE;
                lane.emit(x, EventType.LOCK_ACQUIRE, k, lock, f, 0);
                lane.emit(x + 50, EventType.WORK_START, k, site, 1, seqBase + k);
                lane.emit(x + 1_200, EventType.WORK_END, k, site, 1, seqBase + k);
                lane.emit(x + 1_300, EventType.LOCK_RELEASE, k, lock, f, 1_300);
            }
            long last = T + 1_000 + c.cpus * 2_500L;
            lane.emit(last, EventType.TRIGGER, -1, Trigger.FLUSHBUFS.code, 1, last - T);
            return end;
        }
        if (!iso) {
            long x = T + 1_000 + cpu * 2_500L;
            lane.emit(x + 800, EventType.SPIN_WAIT, cpu, lock, 0, 600);
        }
        return end;
    }

    /** Events of one lane in arrays. */
    public static final class Lane {
        public final int cpu;
        public long[] ts = new long[1024];
        public long[] meta = new long[1024];
        public long[] payload = new long[1024];
        public int n;

        Lane(int cpu) {
            this.cpu = cpu;
        }

        void emit(long t, EventType type, int peer, int fn, int aux, long p) {
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                meta = Arrays.copyOf(meta, n * 2);
                payload = Arrays.copyOf(payload, n * 2);
            }
            if (n > 0 && t < ts[n - 1]) throw new IllegalStateException("cpu" + cpu + " ts " + t + " < " + ts[n - 1]);
            ts[n] = t;
            meta[n] = TraceDescriptor.meta(type, cpu, peer, fn, aux);
            payload[n] = p;
            n++;
        }
    }
}
