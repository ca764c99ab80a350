package io.qpwscope.engine;

import io.qpwscope.engine.kernel.BootResult;
import io.qpwscope.engine.kernel.KernelBoot;
import io.qpwscope.engine.mm.SlabCache;
import io.qpwscope.stats.Bootstrap;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The dashboard's fast-path figure, measured the bench's way: short, paired, untraced
 * kmalloc/kfree loops through SLUB sheaves on a private machine per mode (same kernel
 * config, no tracing, no modelled costs, no pacing), run on a CPU thread in a quiet moment.
 * Each repetition times one block per mode back to back, alternating which goes first, so
 * drift hits both modes alike; a figure is the median ns per op (one kmalloc or one kfree)
 * over the repetitions with its 95 % bootstrap interval. Blocks are short (512 ops, a few µs)
 * and many: on a host that stalls a thread for 20–100 µs thousands of times a second (a VM
 * hiding its steal, see {@code bench --host-gaps}), a long block was hit in most repetitions and
 * the median carried the host's stalls; a few-µs block is hit in about one in fifty.
 *
 * <p>Both modes run in this JVM, so the compiled fast path has seen both branches of the
 * static key — as the engine's own code has, since the key can be switched live.
 */
public final class FastPathCalibration {
    /** A figure: median ns per op and its 95 % interval; NaN when not measured. */
    public record Figure(double nsPerOp, double low, double high) {
        public static final Figure NONE = new Figure(Double.NaN, Double.NaN, Double.NaN);

        public boolean measured() {
            return !Double.isNaN(nsPerOp);
        }
    }

    static final int OPS_PER_BLOCK = 256;
    static final int REPETITIONS = 101;
    static final int WARMUP_ROUND = 32;
    static final int MIN_WARMUP_ROUNDS = 8;
    static final long MAX_WARMUP_NS = 400_000_000L;

    private final boolean configQpw;
    private final boolean preemptRt;
    private final AtomicBoolean running = new AtomicBoolean();
    private Probe[] probes; // created by the first calibration (a private machine each)
    private boolean warmedUp;
    private volatile Figure qpw0 = Figure.NONE;
    private volatile Figure qpw1 = Figure.NONE;
    private volatile long calibrations;

    FastPathCalibration(BootResult boot) {
        this.configQpw = boot.configQpw();
        this.preemptRt = boot.preemptRt();
    }

    /** Median ns per kmalloc or kfree with qpw=0 (with CONFIG_QPW=n: the plain local lock). */
    public Figure qpw0() {
        return qpw0;
    }

    /** Same with qpw=1; {@link Figure#NONE} with CONFIG_QPW=n (there is no qpw=1). */
    public Figure qpw1() {
        return qpw1;
    }

    /** Calibrations completed so far. */
    public long calibrations() {
        return calibrations;
    }

    /**
     * Measures now, on the calling thread (call it with preemption enabled, holding nothing).
     * The first call warms the code up first (see {@link #warmUp()}; at most 400 ms). A call while another thread is calibrating returns at once.
     * @return false if another thread was already calibrating
     */
    public boolean calibrate() {
        if (!running.compareAndSet(false, true)) return false;
        try {
            if (probes == null) probes = configQpw ? new Probe[] {probe(0), probe(1)} : new Probe[] {probe(0)};
            if (!warmedUp) {
                warmUp();
                warmedUp = true;
            }
            double[][] ns = new double[probes.length][REPETITIONS];
            for (int r = 0; r < REPETITIONS; r++) {
                for (int i = 0; i < probes.length; i++) {
                    int m = (r & 1) == 0 ? i : probes.length - 1 - i; // alternate which mode goes first
                    ns[m][r] = probes[m].block();
                }
            }
            qpw0 = figure(ns[0]);
            if (probes.length > 1) qpw1 = figure(ns[1]);
            calibrations++;
            return true;
        } finally {
            running.set(false);
        }
    }

    /**
     * Runs every mode's blocks until the JIT has settled on their code: until the median block of
     * the last {@value #WARMUP_ROUND} rounds is within 5 % of the round before's, for every mode
     * (and at least {@value #MIN_WARMUP_ROUNDS} rounds), or {@value #MAX_WARMUP_NS} ns. In a busy
     * JVM (the GUI starting) compilation waits its turn, and a fixed count of blocks measured the
     * interpreter: the lab's tile showed 230 ns for a 9 ns path, with a narrow interval.
     */
    private void warmUp() {
        long end = System.nanoTime() + MAX_WARMUP_NS;
        double[][] round = new double[probes.length][WARMUP_ROUND];
        double[] previous = new double[probes.length];
        java.util.Arrays.fill(previous, Double.NaN);
        for (int r = 0; System.nanoTime() < end; r++) {
            for (int b = 0; b < WARMUP_ROUND; b++) {
                for (int i = 0; i < probes.length; i++) round[i][b] = probes[i].block();
            }
            boolean settled = r + 1 >= MIN_WARMUP_ROUNDS;
            for (int i = 0; i < probes.length; i++) {
                double m = median(round[i]);
                if (!(Math.abs(m - previous[i]) <= 0.05 * previous[i])) settled = false;
                previous[i] = m;
            }
            if (settled) return;
        }
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }

    private static Figure figure(double[] samples) {
        Bootstrap.Interval ci = Bootstrap.median(samples);
        return new Figure(ci.estimate(), ci.low(), ci.high());
    }

    private Probe probe(int qpw) {
        String bootLine = configQpw ? "qpw=" + qpw : "";
        Machine m = Machine.forBenchmark(KernelBoot.resolve(configQpw, false, preemptRt, bootLine, 1), 1);
        return new Probe(m.cpu(0), new SlabCache(m.qpw, 1, null, false));
    }

    /** One mode's private CPU and cache, untraced. */
    private record Probe(Cpu cpu, SlabCache cache, int[] held) {
        Probe(Cpu cpu, SlabCache cache) {
            this(cpu, cache, new int[OPS_PER_BLOCK]);
        }

        /** @return ns per op for OPS_PER_BLOCK kmallocs then as many kfrees */
        double block() {
            final Cpu self = cpu;
            final SlabCache s = cache;
            final int[] h = held;
            long t0 = System.nanoTime();
            for (int i = 0; i < h.length; i++) h[i] = s.kmalloc(self);
            for (int i = h.length - 1; i >= 0; i--) s.kfree(self, h[i]);
            return (System.nanoTime() - t0) / (2.0 * h.length);
        }
    }
}
