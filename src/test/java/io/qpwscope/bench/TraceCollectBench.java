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
import io.qpwscope.trace.lod.RecordingIndex;
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
 * Collector throughput: 1 or 2 producer threads write lock acquire/release records into
 * their CPU rings as fast as they can while the benchmark thread runs the collector's
 * {@link TraceCollector#doWork()} (what the collector thread loops on when busy), with or
 * without the LOD index built on the collector thread. Reported as records collected per
 * second ({@code events}) and records refused by full rings per second ({@code overruns}):
 * producers outrunning the collector show up there, never hidden.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TraceCollectBench {
    @Param({"1", "2"})
    public int producers;

    @Param({"false", "true"})
    public boolean index;

    private SpscTraceRing[] rings;
    private Thread[] threads;
    private volatile boolean stop;
    private TraceCollector collector;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long events;
        public long overruns;
        long lastOverruns = -1;
    }

    private static Recording recording(int cpus) {
        return new Recording(new RecordingMeta("bench", "{}", cpus, 0, Runtime.getRuntime().availableProcessors(),
                false, true, false, false, "", 1, "", 0, System.getProperty("java.version"), "bench"));
    }

    @Setup(Level.Trial)
    public void startProducers() {
        rings = new SpscTraceRing[producers];
        threads = new Thread[producers];
        final long origin = System.nanoTime();
        for (int c = 0; c < producers; c++) {
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
    public void freshRecording() {
        Recording rec = recording(producers);
        collector = new TraceCollector(rec, rings, BackoffIdleStrategy.defaults(), TraceCollector.DEFAULT_BATCH);
        if (index) collector.addListener(new RecordingIndex(rec));
    }

    @TearDown(Level.Trial)
    public void stopProducers() throws InterruptedException {
        stop = true;
        for (Thread t : threads) t.join();
    }

    @Benchmark
    public int collect(Counts counts) {
        final int n = collector.doWork();
        counts.events += n;
        final long ov = collector.totalOverruns();
        if (counts.lastOverruns >= 0) counts.overruns += ov - counts.lastOverruns;
        counts.lastOverruns = ov;
        return n;
    }
}
