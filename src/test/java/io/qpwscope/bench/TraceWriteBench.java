package io.qpwscope.bench;

import io.qpwscope.trace.CpuTrace;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.SpscTraceRing;
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
 * Cost of tracing on an emulated CPU's thread: the clock read alone, one record written with
 * a timestamp the caller already has (the cost beyond the clock read), and both together.
 * A drainer thread empties the ring meanwhile, as the collector does, so the writer pays the
 * real cache-line traffic; {@code emitSelfDrained} is the same without a second core.
 * {@code jfrCommit} is the JFR custom-event alternative the design mentions, for comparison.
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
            long[] sum = new long[1];
            SpscTraceRing.RecordSink sink = (t, m, p) -> sum[0] += t ^ m ^ p;
            while (!stop) {
                if (ring.drain(sink, 4096) == 0) Thread.onSpinWait();
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
    public boolean emitOnly(Drops drops) {
        final long t = ++ts;
        final boolean ok = trace.emit(t, EventType.LOCK_RELEASE, 3, 1, AUX, t);
        if (!ok) drops.overruns++;
        return ok;
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
