package io.qpwscope.engine;

import io.qpwscope.engine.kernel.BootResult;
import io.qpwscope.engine.qpw.CpuHaltedException;
import io.qpwscope.engine.spec.EngineSpec;
import io.qpwscope.engine.task.IdleTask;
import io.qpwscope.trace.CpuTrace;
import io.qpwscope.trace.SpscTraceRing;
import io.qpwscope.trace.Trigger;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Warms the JIT on the paths a run reports as kernel cost, before the run's clock starts.
 *
 * <p>A kworker interrupts an isolated CPU a few times a run. Left alone, the JVM runs those
 * rare paths (queue, kworker switch, the work function, the flush's wake-up, the host split
 * at the interval's edges) in its bytecode interpreter, 10–50 times slower than compiled
 * code: measured on the 2-core project machine, the seed scenario's first interruption took
 * 115–270 µs of on-core time cold and 20–85 µs after this warm-up. That difference is the
 * JVM's, not the modelled kernel's.
 *
 * <p>So before the first engine of a kernel configuration boots, a private machine of the
 * same kernel, costs and CPU count runs the triggers for up to {@value #BUDGET_MS} ms (see
 * {@link #run}), with tracing and host accounting on, so the compiled code has seen the
 * branches a run takes. Nothing of it reaches the run's recording. Once per JVM and
 * configuration; {@code -Dqpwscope.warmup=false} skips it.
 */
final class WorkerWarmUp {
    static final long BUDGET_MS = 250;
    /** Enough triggers for C2 (its thresholds are a few thousand calls); the budget usually ends first. */
    static final int ENOUGH_TRIGGERS = 6000;
    private static final Trigger[] TRIGGERS = {
        Trigger.FLUSHBUFS, Trigger.LRU_DRAIN_ALL, Trigger.KMEM_CACHE_SHRINK, Trigger.LRU_DRAIN_ALL, Trigger.MEMCG_DRAIN,
        Trigger.LRU_DRAIN_ALL
    };
    private static final Set<String> WARMED = ConcurrentHashMap.newKeySet();

    private WorkerWarmUp() {
    }

    /**
     * What a warm-up did: triggers run, work items queued and run on the stand-in CPUs, and the
     * work ledger's violations (none: the warm-up runs the engine's own invariants).
     */
    record Result(int triggers, long workQueued, long workExecuted, List<String> violations) {
        static final Result SKIPPED = new Result(0, 0, 0, List.of());
    }

    /** Warms once per JVM for {@code boot}'s configuration ({@link Result#SKIPPED} after the first). */
    static Result ensure(EngineSpec spec, BootResult boot) {
        if (!Boolean.parseBoolean(System.getProperty("qpwscope.warmup", "true"))) return Result.SKIPPED;
        String key = boot.configQpw() + "/" + boot.preemptRt() + "/" + boot.effectiveQpw() + "/" + spec.trace().lockEvents();
        if (!WARMED.add(key)) return Result.SKIPPED;
        return run(boot, spec);
    }

    /**
     * Two threads stand in for two CPUs of a private machine of the same kernel, costs and
     * CPU count, traced into rings this thread empties: CPU 0 runs the triggers back to back;
     * CPU 1 fills its per-CPU batches and runs whatever they queue to it, as a kworker
     * interrupting its task; it parks when idle and the queuing side unparks it.
     */
    static Result run(BootResult boot, EngineSpec spec) {
        int n = spec.machine().cpus();
        if (n < 2) return Result.SKIPPED;
        long origin = System.nanoTime();
        CpuTrace[] traces = new CpuTrace[n];
        for (int c = 0; c < n; c++) traces[c] = new CpuTrace(c, new SpscTraceRing(1 << 12), origin);
        Machine m = new Machine(boot, spec.costs(), SchedModel.of(null), spec.trace().lockEvents(), origin, n,
                c -> traces[c], c -> new IdleTask(), false);
        Cpu trigger = m.cpu(0), target = m.cpu(1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().name("warm-up/cpu1").daemon(true).start(() -> {
            target.openHost();
            try {
                int k = 0;
                while (!stop.get()) {
                    m.mm.lru.folioAddLru(target);
                    if ((k & 3) == 0) m.mm.lru.folioActivate(target);
                    if ((k & 15) == 0) m.mm.bh.install(target, k);
                    m.mm.slab.kfree(target, m.mm.slab.kmalloc(target));
                    k++;
                    if (!target.warmUpStep()) LockSupport.parkNanos(200_000); // queuing unparks it
                }
                while (target.warmUpStep()) {
                    // what the last trigger queued without waiting for it (drain_all_stock)
                }
            } catch (RuntimeException | Error e) {
                failure.set(e);
                m.fail(); // the trigger's waits end
            } finally {
                target.closeHost();
            }
        });
        int fired = 0;
        trigger.openHost();
        while (!target.hasThread() && worker.isAlive()) Thread.onSpinWait();
        try {
            long end = System.nanoTime() + BUDGET_MS * 1_000_000L;
            SpscTraceRing.RecordSink discard = (ts, meta, payload) -> { };
            while (fired < ENOUGH_TRIGGERS && System.nanoTime() < end && failure.get() == null && worker.isAlive()) {
                m.mm.run(TRIGGERS[fired % TRIGGERS.length], trigger);
                fired++;
                for (CpuTrace t : traces) t.ring().drain(discard, Integer.MAX_VALUE);
            }
        } catch (CpuHaltedException e) {
            // the stand-in CPU 1 failed: reported below
        } finally {
            stop.set(true);
            trigger.closeHost();
        }
        try {
            worker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure.get();
        if (f != null) throw new IllegalStateException("engine warm-up failed on its CPU 1: " + f, f);
        if (worker.isAlive()) throw new IllegalStateException("engine warm-up: its CPU 1 did not stop within 1 s");
        m.ledger.checkAllExecuted();
        return new Result(fired, m.ledger.queuedCount(), m.ledger.executedCount(), m.ledger.violations());
    }
}
