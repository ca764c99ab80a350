package io.qpwscope.bench;

import io.qpwscope.stats.Bootstrap;
import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.Machine;
import io.qpwscope.engine.kernel.KernelBoot;
import io.qpwscope.engine.mm.SlabCache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The seed's kmalloc_bench on real threads: with preemption disabled, time {@code iterations}
 * kmalloc(64) calls into an array (no kfree in the timed loop), then free them all. No
 * modelled cost takes part: only the lock and sheaf code runs, untraced.
 *
 * <p>Paired and interleaved: every variant lives in its own JVM for the whole run (no JIT
 * profile pollution across variants), and each repetition runs every variant's timed loop
 * back to back in a seeded random order, so drift (frequency, the other core's load) hits all
 * variants of a repetition alike. Per repetition the ratio to the same kernel's unpatched run
 * is taken; the row reports the median ratio with its 95 % bootstrap interval over
 * repetitions and a {@link Verdict} against the seed.
 */
public final class KmallocBench {
    /** One column of the seed's table. */
    public record Variant(String kernel, String name, boolean preemptRt, boolean configQpw, boolean unpatched,
                          int qpw, int seedCycles) {
        String label() {
            return kernel + " " + name;
        }
    }

    /**
     * A measured row.
     * @param ns        the variant's ns per kmalloc: median over repetitions with its interval
     * @param ratio     median per-repetition ratio to the same kernel's unpatched, with its interval
     * @param seedRatio the seed's cycles ratio
     */
    public record Row(Variant variant, Bootstrap.Interval ns, Bootstrap.Interval ratio, double seedRatio,
                      Verdict verdict, boolean baseline) {}

    /** What was run and what came out. @param samples ns per kmalloc, [variant][repetition] */
    public record Result(List<Row> rows, int iterations, int repetitions, int warmups, double[][] samples) {}

    public static final List<Variant> VARIANTS = List.of(
            new Variant("PREEMPT_DYNAMIC", "unpatched", false, false, true, 0, 60),
            new Variant("PREEMPT_DYNAMIC", "CONFIG_QPW=n", false, false, false, 0, 62),
            new Variant("PREEMPT_DYNAMIC", "qpw=0", false, true, false, 0, 62),
            new Variant("PREEMPT_DYNAMIC", "qpw=1", false, true, false, 1, 75),
            new Variant("PREEMPT_RT", "unpatched", true, false, true, 0, 95),
            new Variant("PREEMPT_RT", "qpw=0", true, true, false, 0, 99),
            new Variant("PREEMPT_RT", "qpw=1", true, true, false, 1, 97));

    /** Seed of the per-repetition order: the same run order every time. */
    static final long ORDER_SEED = 42;

    private KmallocBench() {}

    /**
     * @param iterations  kmalloc calls per timed loop (the seed: 9,000,000)
     * @param repetitions paired repetitions (each runs every variant once)
     * @param warmups     untimed loops each JVM runs before the first repetition
     * @param progress    receives a line now and then (may be null)
     */
    public static Result run(int iterations, int repetitions, int warmups, Consumer<String> progress)
            throws IOException {
        int n = VARIANTS.size();
        double[][] ns = new double[n][repetitions];
        List<VariantProcess> procs = new ArrayList<>(n);
        try {
            for (int v = 0; v < n; v++) procs.add(VariantProcess.start(v, iterations, warmups));
            for (VariantProcess p : procs) p.awaitReady();
            SplittableRandom order = new SplittableRandom(ORDER_SEED);
            int[] perm = new int[n];
            for (int r = 0; r < repetitions; r++) {
                shuffle(perm, order);
                for (int v : perm) ns[v][r] = procs.get(v).measure();
                if (progress != null && ((r + 1) % 5 == 0 || r + 1 == repetitions)) {
                    progress.accept("repetition " + (r + 1) + "/" + repetitions + " done");
                }
            }
        } finally {
            for (VariantProcess p : procs) p.close();
        }
        return new Result(rows(ns), iterations, repetitions, warmups, ns);
    }

    /** Rows from samples [variant][repetition]: ratio per repetition to the same kernel's unpatched. */
    static List<Row> rows(double[][] ns) {
        List<Row> rows = new ArrayList<>();
        for (int v = 0; v < VARIANTS.size(); v++) {
            Variant var = VARIANTS.get(v);
            int base = baseOf(var);
            Bootstrap.Interval ratio = Bootstrap.pairedRatio(ns[base], ns[v]);
            double seedRatio = var.seedCycles() / (double) VARIANTS.get(base).seedCycles();
            rows.add(new Row(var, Bootstrap.median(ns[v]), ratio, seedRatio, Verdict.of(ratio, seedRatio), v == base));
        }
        return rows;
    }

    private static int baseOf(Variant v) {
        for (int i = 0; i < VARIANTS.size(); i++) {
            Variant b = VARIANTS.get(i);
            if (b.unpatched() && b.preemptRt() == v.preemptRt()) return i;
        }
        throw new IllegalStateException("no unpatched variant for " + v.kernel());
    }

    /** A fresh random permutation of 0..n-1 (Fisher-Yates). */
    private static void shuffle(int[] perm, SplittableRandom rnd) {
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
    }

    /**
     * Child JVM entry: {@code KmallocBench VARIANT_INDEX ITERATIONS WARMUPS}. Warms up, prints
     * {@code ready}, then runs one timed loop per {@code measure} line on stdin until EOF.
     */
    public static void main(String[] args) throws IOException {
        Bench b = new Bench(VARIANTS.get(Integer.parseInt(args[0])), Integer.parseInt(args[1]));
        int warmups = Integer.parseInt(args[2]);
        for (int i = 0; i < warmups; i++) b.measure();
        System.out.println(VariantProcess.READY);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.equals(VariantProcess.MEASURE)) continue;
            System.out.println(VariantProcess.RESULT + b.measure());
            System.out.flush();
        }
    }

    /** One variant's machine, cache and pointer array, reused across repetitions. */
    private static final class Bench {
        private final Cpu cpu;
        private final SlabCache cache;
        private final int[] ptrs;

        Bench(Variant v, int iterations) {
            String boot = v.configQpw() ? "qpw=" + v.qpw() : "";
            Machine m = Machine.forBenchmark(KernelBoot.resolve(v.configQpw(), false, v.preemptRt(), boot, 1), 1);
            this.cpu = m.cpu(0);
            this.cache = new SlabCache(m.qpw, 1, null, v.unpatched());
            this.ptrs = new int[iterations];
        }

        /** @return ns per kmalloc in the timed loop */
        double measure() {
            final Cpu self = cpu;
            final SlabCache s = cache;
            final int[] p = ptrs;
            self.preemptDisable(); // preempt_disable(); start = get_cycles();
            long t0 = System.nanoTime();
            for (int i = 0; i < p.length; i++) {
                p[i] = s.kmalloc(self);
            }
            long t1 = System.nanoTime();
            self.preemptEnable();
            for (int i = 0; i < p.length; i++) s.kfree(self, p[i]);
            return (t1 - t0) / (double) p.length;
        }
    }
}
