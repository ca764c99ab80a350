package io.qpwscope.bench;

import io.qpwscope.trace.BackoffIdleStrategy;
import io.qpwscope.trace.CpuTrace;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.SpscTraceRing;
import io.qpwscope.trace.TraceCollector;
import io.qpwscope.trace.TraceDescriptor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Collector throughput.
 * {@code collect}: 1 or 2 producer threads write lock acquire/release records into their CPU
 * rings as fast as they can while the benchmark thread runs the collector thread's loop
 * ({@link TraceCollector#doRound()}: drain, then back off if the round was a trickle); reported as
 * records collected per second ({@code events}) and records refused by full rings per second
 * ({@code overruns}): producers outrunning the collector show up there, never hidden.
 * {@code drainPrefilled}: the collector alone on full rings (its cost per record without
 * the scheduler deciding who runs on 2 cores); {@code events} again in records/s, and
 * {@code cpuNanos} the CPU time the collector got per second, so that records per CPU-second
 * can be told apart from a machine shared with other work.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TraceCollectBench {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    @Param({"1", "2"})
    public int producers;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long events;
        public long overruns;
        /** drainPrefilled only: CPU ns the benchmark thread used, per second (1e9 = a whole core). */
        public long cpuNanos;
        long lastOverruns = -1;
    }

    private static Recording recording(int cpus) {
        return new Recording(RecordingMeta.builder().scenario("bench", "{}")
                .machine(cpus, 0, Runtime.getRuntime().availableProcessors(), false).config(true, false, false)
                .boot("", 1, "").recordedBy(System.getProperty("java.version"), "bench").build());
    }

    /** Producer threads writing as fast as they can, for {@code collect} only. */
    @State(Scope.Benchmark)
    public static class Live {
        SpscTraceRing[] rings;
        Thread[] threads;
        volatile boolean stop;
        TraceCollector collector;

        @Setup(Level.Trial)
        public void startProducers(TraceCollectBench b) {
            rings = new SpscTraceRing[b.producers];
            threads = new Thread[b.producers];
            stop = false;
            final long origin = System.nanoTime();
            for (int c = 0; c < b.producers; c++) {
                rings[c] = new SpscTraceRing(1 << 16);
                final CpuTrace t = new CpuTrace(c, rings[c], origin);
                threads[c] = Thread.ofPlatform().name("cpu/" + c).daemon(true).start(() -> {
                    final int flags = TraceDescriptor.LOCK_SPIN;
                    while (!stop) {
                        for (int k = 0; k < 1024; k++) {
                            final long ts = t.now();
                            t.emit(ts, EventType.LOCK_ACQUIRE, t.cpu(), Site.LRU_FBATCHES.code, flags, 0);
                            t.emit(ts, EventType.LOCK_RELEASE, t.cpu(), Site.LRU_FBATCHES.code, flags, 0);
                        }
                    }
                });
            }
        }

        /** A fresh recording each iteration keeps the heap bounded (a second of records is ~1 GB). */
        @Setup(Level.Iteration)
        public void freshRecording(TraceCollectBench b) {
            Recording rec = recording(b.producers);
            collector = new TraceCollector(rec, rings);
        }

        @TearDown(Level.Trial)
        public void stopProducers() throws InterruptedException {
            stop = true;
            for (Thread t : threads) t.join();
        }
    }

    /**
     * The collector's own cost, free of scheduling: every ring is filled before each
     * invocation (untimed), then one {@code doWork} round per 4096 records drains them all.
     */
    @State(Scope.Thread)
    public static class Prefilled {
        SpscTraceRing[] rings;
        CpuTrace[] traces;
        TraceCollector collector;
        long ts;

        @Setup(Level.Iteration)
        public void fresh(TraceCollectBench b) {
            rings = new SpscTraceRing[b.producers];
            traces = new CpuTrace[b.producers];
            for (int c = 0; c < b.producers; c++) {
                rings[c] = new SpscTraceRing(1 << 16);
                traces[c] = new CpuTrace(c, rings[c], 0);
            }
            Recording rec = recording(b.producers);
            collector = new TraceCollector(rec, rings, BackoffIdleStrategy.defaults(), TraceCollector.DEFAULT_BATCH, 0);
        }

        @Setup(Level.Invocation)
        public void fill() {
            final int flags = TraceDescriptor.LOCK_SPIN;
            for (CpuTrace t : traces) {
                t.rebindWriter();
                for (int k = 0; k < (1 << 15); k++) {
                    ts += 20;
                    t.emit(ts, EventType.LOCK_ACQUIRE, t.cpu(), Site.LRU_FBATCHES.code, flags, 0);
                    t.emit(ts + 10, EventType.LOCK_RELEASE, t.cpu(), Site.LRU_FBATCHES.code, flags, 10);
                }
            }
        }
    }

    @Benchmark
    public int drainPrefilled(Prefilled p, Counts counts) {
        final long cpu0 = CPU.getCurrentThreadCpuTime();
        int n = 0;
        int w;
        while ((w = p.collector.doWork()) > 0) n += w;
        counts.events += n;
        counts.cpuNanos += CPU.getCurrentThreadCpuTime() - cpu0;
        return n;
    }

    @Benchmark
    public int collect(Live live, Counts counts) {
        final int n = live.collector.doRound();
        counts.events += n;
        final long ov = live.collector.totalOverruns();
        if (counts.lastOverruns >= 0) counts.overruns += ov - counts.lastOverruns;
        counts.lastOverruns = ov;
        return n;
    }
}
