package io.qpwscope.bench;

import io.qpwscope.trace.BackoffIdleStrategy;
import io.qpwscope.trace.CpuTrace;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.SpscTraceRing;
import io.qpwscope.trace.TraceCollector;
import io.qpwscope.trace.TraceDescriptor;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of tracing on an emulated CPU's thread: the clock read alone ({@code clockOnly}); one
 * record written with a timestamp the caller already has, i.e. the cost beyond the clock
 * read ({@code emitSelfDrained}: 256 records, then the same thread drains them, so the ring
 * never fills and the figure includes the consumer's reading); both together
 * ({@code clockAndEmitSelfDrained}); and the live shape ({@code clockAndEmit}): a drainer
 * thread empties the ring meanwhile, polling as the collector does, so the writer pays the
 * real cache-line traffic, and records it could not take are counted ({@code overruns}).
 * ({@code emit} alone against a drainer is not measured: a writer at ~4 ns/record outruns any
 * consumer and would time the overrun path.) {@code jfrCommit} is the JFR custom-event
 * alternative the design mentions, for comparison (it reads its own clock).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TraceWriteBench {
    private static final int AUX = TraceDescriptor.LOCK_SPIN | TraceDescriptor.LOCK_REMOTE;

    private SpscTraceRing ring;
    private CpuTrace trace;
    private Thread drainer;
    private volatile boolean stop;
    private long ts;
    private Recording jfr;

    /** Records refused because the drainer fell behind (never hidden). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Drops {
        public long overruns;
    }

    @Setup(Level.Trial)
    public void setUp() {
        ring = new SpscTraceRing(1 << 16);
        trace = new CpuTrace(1, ring, System.nanoTime());
        stop = false;
        drainer = Thread.ofPlatform().name("drainer").daemon(true).start(() -> {
            // polls like the collector thread: batches of up to 4096, and a round below the low
            // watermark backs off (spin, yield, park up to 1 ms) like an empty one
            long[] sum = new long[1];
            SpscTraceRing.RecordSink sink = (t, m, p) -> sum[0] += t ^ m ^ p;
            BackoffIdleStrategy idle = BackoffIdleStrategy.defaults();
            while (!stop) {
                final int n = ring.drain(sink, TraceCollector.DEFAULT_BATCH);
                idle.idle(n >= TraceCollector.DEFAULT_LOW_WATERMARK ? n : 0);
            }
        });
        jfr = new Recording();
        jfr.enable(TraceJfrEvent.class);
        jfr.setToDisk(false);
        jfr.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        stop = true;
        drainer.join();
        jfr.stop();
        jfr.close();
    }

    @Benchmark
    public long clockOnly() {
        return trace.now();
    }

    @Benchmark
    public boolean clockAndEmit(Drops drops) {
        final long t = trace.now();
        final boolean ok = trace.emit(t, EventType.LOCK_RELEASE, 3, 1, AUX, t);
        if (!ok) drops.overruns++;
        return ok;
    }

    /** 256 records then the same thread drains them: no second core, drain cost included. */
    @Benchmark
    @OperationsPerInvocation(256)
    public int emitSelfDrained(SelfDrained s) {
        final CpuTrace t = s.trace;
        long x = s.ts;
        for (int k = 0; k < 256; k++) t.emit(++x, EventType.LOCK_RELEASE, 3, 1, AUX, x);
        s.ts = x;
        return s.ring.drain(s.sink, 256);
    }

    /** The same with a clock read per record: compare with {@link #clockOnly()}. */
    @Benchmark
    @OperationsPerInvocation(256)
    public int clockAndEmitSelfDrained(SelfDrained s) {
        final CpuTrace t = s.trace;
        for (int k = 0; k < 256; k++) {
            final long now = t.now();
            t.emit(now, EventType.LOCK_RELEASE, 3, 1, AUX, now);
        }
        return s.ring.drain(s.sink, 256);
    }

    @State(Scope.Thread)
    public static class SelfDrained {
        final SpscTraceRing ring = new SpscTraceRing(1024);
        final CpuTrace trace = new CpuTrace(2, ring, 0);
        long ts;
        long sum;
        final SpscTraceRing.RecordSink sink = (t, m, p) -> sum += t ^ m ^ p;
    }

    /** A JFR event with the same fields, committed while a JFR recording is running. */
    @Benchmark
    public void jfrCommit() {
        final TraceJfrEvent e = new TraceJfrEvent();
        e.cpu = 1;
        e.type = EventType.LOCK_RELEASE.code;
        e.peer = 3;
        e.fn = 1;
        e.aux = AUX;
        e.payload = ++ts;
        e.commit();
    }

    @jdk.jfr.Name("io.qpwscope.Trace")
    @jdk.jfr.StackTrace(false)
    static final class TraceJfrEvent extends jdk.jfr.Event {
        int cpu;
        int type;
        int peer;
        int fn;
        int aux;
        long payload;
    }
}
