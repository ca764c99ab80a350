package io.qpwscope.bench;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.Machine;
import io.qpwscope.engine.kernel.KernelBoot;
import io.qpwscope.engine.mm.SlabCache;
import io.qpwscope.engine.qpw.QpwLock;
import io.qpwscope.trace.Site;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The QPW lock fast paths per kernel variant: a qpw_lock/qpw_unlock pair, a
 * local_qpw_trylock/unlock pair, and a kmalloc+kfree through the SLUB sheaves. Each
 * {@code variant} is a fork of its own, so no variant shares another's JIT profile.
 *
 * <pre>mvn -q test-compile exec:exec@jmh -Djmh.args="LockFastPathBench -f 1 -wi 3 -i 5"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LockFastPathBench {
    /** unpatched-style local lock (CONFIG_QPW=n), qpw=0, qpw=1; "-rt" for PREEMPT_RT. */
    @Param({"config-qpw-n", "qpw0", "qpw1", "config-qpw-n-rt", "qpw0-rt", "qpw1-rt"})
    public String variant;

    private Machine machine;
    private Cpu cpu;
    private QpwLock lock;
    private QpwLock trylock;
    private SlabCache slab;

    @Setup
    public void setup() {
        boolean rt = variant.endsWith("-rt");
        boolean configQpw = !variant.startsWith("config-qpw-n");
        String boot = configQpw ? (variant.startsWith("qpw1") ? "qpw=1" : "qpw=0") : "";
        machine = Machine.forBenchmark(KernelBoot.resolve(configQpw, false, rt, boot, 2), 2);
        cpu = machine.cpu(0);
        lock = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 2);
        trylock = QpwLock.qpw_trylock_init(Site.SLUB_SHEAVES, 2);
        slab = new SlabCache(machine.qpw, 2, null, false);
    }

    @Benchmark
    public void qpwLockUnlock() {
        machine.qpw.qpw_lock(cpu, lock, 0);
        machine.qpw.qpw_unlock(cpu, lock, 0);
    }

    @Benchmark
    public boolean localQpwTrylockUnlock() {
        boolean ok = machine.qpw.local_qpw_trylock(cpu, trylock);
        if (ok) machine.qpw.local_qpw_unlock(cpu, trylock);
        return ok;
    }

    @Benchmark
    public void kmallocKfree() {
        slab.kfree(cpu, slab.kmalloc(cpu));
    }
}
