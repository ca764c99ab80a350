package io.qpwscope.bench;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.Machine;
import io.qpwscope.engine.kernel.KernelBoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What the unseen-gap watch adds to every clock read of an emulated CPU outside a watched window
 * ({@code Cpu.now()}: one field test beside {@code System.nanoTime}): the trace clock of every
 * traced event.
 *
 * <pre>mvn -q test-compile exec:exec@jmh -Djmh.args="CpuClockBench -f 3 -wi 3 -i 5"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CpuClockBench {
    private Cpu cpu;

    @Setup
    public void setup() {
        cpu = Machine.forBenchmark(KernelBoot.resolve(true, false, false, "qpw=0", 1), 1).cpu(0);
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public long cpuNow() {
        return cpu.now();
    }
}
