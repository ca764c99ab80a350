package io.qpwscope.bench;

import io.qpwscope.engine.host.HostClock;
import io.qpwscope.engine.host.HostReading;
import io.qpwscope.engine.host.HostTime;
import io.qpwscope.engine.host.HostTimeReader;
import io.qpwscope.engine.host.ThreadSchedStat;
import java.io.IOException;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What host-time accounting costs a CPU thread: one schedstat pread, one full reading
 * (nanoTime + CPU clock + schedstat), the cheap switch-count check, and
 * {@link HostClock#sampleIfDue} called every loop with the 1 ms policy (amortised: mostly a
 * compare). {@code nanoTime} is the baseline every loop already pays.
 *
 * <pre>mvn -q test-compile exec:exec@jmh -Djmh.args="HostTimeBench -f 1 -wi 3 -i 5"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HostTimeBench {
    private ThreadSchedStat stat;
    private HostTimeReader reader;
    private HostClock clock;
    private final HostReading reading = new HostReading();

    @Setup
    public void setup() throws IOException {
        stat = ThreadSchedStat.openCurrentThread(Path.of("/proc"));
        reader = HostTime.system().openCurrentThread();
        clock = HostClock.openCurrentThread(HostTime.system());
    }

    @TearDown
    public void tearDown() throws IOException {
        stat.close();
        reader.close();
        clock.close();
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public long schedstatRead() {
        stat.read();
        return stat.waitNs();
    }

    @Benchmark
    public long fullReading() {
        reader.read(reading);
        return reading.waitNs();
    }

    @Benchmark
    public long slicesOnly() {
        return reader.slices();
    }

    @Benchmark
    public boolean sampleIfDueEveryLoop() {
        return clock.sampleIfDue(System.nanoTime());
    }
}
