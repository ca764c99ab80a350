package io.qpwscope.bench;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.Machine;
import io.qpwscope.engine.kernel.KernelBoot;
import io.qpwscope.engine.qpw.FastPathParts;
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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * What a non-RT QPW fast path spends, piece by piece, per mode (each {@code mode} a fork of
 * its own): the bare atomic on a padded field, the bookkeeping both modes pay, the mode's
 * lock word alone, and the full qpw_lock + qpw_unlock. If qpw=1 costs the atomic and nothing
 * else, full(qpw1) - full(qpw0) ~ lockWord(qpw1) - lockWord(qpw0) ~ the bare atomic.
 *
 * <pre>mvn -q test-compile exec:exec@jmh -Djmh.args="LockFastPathBreakdownBench -f 1 -wi 3 -w 1 -i 5 -r 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LockFastPathBreakdownBench {
    private static final VarHandle WORD;
    static {
        try {
            WORD = MethodHandles.lookup().findVarHandle(PaddedWord.class, "word", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** An int on a 64-byte line of its own, as the spinlock's ticket words are. */
    static final class PaddedWord {
        @SuppressWarnings("unused") long p01, p02, p03, p04, p05, p06, p07;
        int word;
        @SuppressWarnings("unused") long p11, p12, p13, p14, p15, p16, p17;
    }

    @Param({"qpw0", "qpw1"})
    public String mode;

    private Machine machine;
    private Cpu cpu;
    private QpwLock lock;
    private final PaddedWord padded = new PaddedWord();

    @Setup
    public void setup() {
        machine = Machine.forBenchmark(KernelBoot.resolve(true, false, false, "qpw=" + mode.substring(3), 1), 1);
        cpu = machine.cpu(0);
        lock = QpwLock.qpw_lock_init(Site.LRU_FBATCHES, 1);
    }

    /** lock xadd on a padded word, then the release store: the ticket lock's bare cost. */
    @Benchmark
    public int bareGetAndAdd() {
        int t = (int) WORD.getAndAdd(padded, 1);
        WORD.setRelease(padded, t);
        return t;
    }

    /** lock cmpxchg on a padded word, then the release store. */
    @Benchmark
    public boolean bareCas() {
        int v = (int) WORD.getAcquire(padded);
        boolean ok = WORD.compareAndSet(padded, v, v + 1);
        WORD.setRelease(padded, v);
        return ok;
    }

    /** preempt count, lock-ops counter, trace-enabled checks: paid alike by both modes. */
    @Benchmark
    public boolean bookkeeping() {
        return FastPathParts.bookkeeping(cpu);
    }

    /** This mode's lock word alone: qpw0 the local lock's flag, qpw1 the per-CPU ticket lock. */
    @Benchmark
    public void lockWord() {
        if (machine.qpw.spinMode()) FastPathParts.spinLockWord(lock, 0);
        else FastPathParts.localLockWord(lock, 0);
    }

    /** qpw_lock + qpw_unlock on this CPU, as the engine runs it (untraced). */
    @Benchmark
    public void full() {
        machine.qpw.qpw_lock(cpu, lock, 0);
        machine.qpw.qpw_unlock(cpu, lock, 0);
    }
}
