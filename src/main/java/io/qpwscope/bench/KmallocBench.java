package io.qpwscope.bench;

import io.qpwscope.engine.Cpu;
import io.qpwscope.engine.Machine;
import io.qpwscope.engine.kernel.KernelBoot;
import io.qpwscope.engine.mm.SlabCache;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The seed's kmalloc_bench on a real thread: with preemption disabled, time {@code iterations}
 * kmalloc(64) calls into an array (no kfree in the timed loop), then free them all. Each kernel
 * variant runs in its own JVM; variants are interleaved across rounds so that drift (frequency,
 * the other core's load) hits all of them alike, and the median round is reported. No modelled cost takes part: only the lock and sheaf code runs.
 */
public final class KmallocBench {
    /** One column of the seed's table. */
    public record Variant(String kernel, String name, boolean preemptRt, boolean configQpw, boolean unpatched,
                          int qpw, Integer seedCycles) {}

    /** A measured row. */
    public record Row(Variant variant, double nsPerOp, double ratioToUnpatched, Double seedRatio) {}

    public static final List<Variant> VARIANTS = List.of(
            new Variant("PREEMPT_DYNAMIC", "unpatched", false, false, true, 0, 60),
            new Variant("PREEMPT_DYNAMIC", "CONFIG_QPW=n", false, false, false, 0, 62),
            new Variant("PREEMPT_DYNAMIC", "qpw=0", false, true, false, 0, 62),
            new Variant("PREEMPT_DYNAMIC", "qpw=1", false, true, false, 1, 75),
            new Variant("PREEMPT_RT", "unpatched", true, false, true, 0, 95),
            new Variant("PREEMPT_RT", "qpw=0", true, true, false, 0, 99),
            new Variant("PREEMPT_RT", "qpw=1", true, true, false, 1, 97));

    private KmallocBench() {}

    /**
     * Measures every variant, each in its own freshly started JVM (as JMH forks do), so that
     * no variant's code is compiled with another variant's branch profile. Rounds interleave
     * the variants; the median round is reported.
     *
     * @param iterations kmalloc calls per timed loop (the seed: 9,000,000)
     * @param rounds     interleaved rounds
     * @param progress   receives one line per finished round (may be null)
     */
    public static List<Row> run(int iterations, int rounds, java.util.function.Consumer<String> progress)
            throws IOException, InterruptedException {
        int n = VARIANTS.size();
        double[][] ns = new double[n][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < n; v++) ns[v][r] = fork(v, iterations);
            if (progress != null) progress.accept("round " + (r + 1) + "/" + rounds + " done");
        }
        double[] median = new double[n];
        for (int v = 0; v < n; v++) {
            double[] s = ns[v].clone();
            Arrays.sort(s);
            median[v] = s[rounds / 2];
        }
        List<Row> rows = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            Variant var = VARIANTS.get(v);
            int base = var.preemptRt() ? 4 : 0;
            Double seedRatio = var.seedCycles() / (double) VARIANTS.get(base).seedCycles();
            rows.add(new Row(var, median[v], median[v] / median[base], seedRatio));
        }
        return rows;
    }

    /** Runs one variant in a child JVM: two warm-up loops, then one timed loop. */
    private static double fork(int variant, int iterations) throws IOException, InterruptedException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xms1g", "-Xmx1g", "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), KmallocBench.class.getName(),
                Integer.toString(variant), Integer.toString(iterations));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) throw new IOException("benchmark fork for " + VARIANTS.get(variant).name() + " failed: " + out);
        try {
            return Double.parseDouble(out.lines().reduce((a, b) -> b).orElse(""));
        } catch (NumberFormatException e) {
            throw new IOException("benchmark fork printed no figure: " + out);
        }
    }

    /** Child JVM entry: {@code KmallocBench VARIANT_INDEX ITERATIONS}; prints ns per kmalloc. */
    public static void main(String[] args) {
        Bench b = new Bench(VARIANTS.get(Integer.parseInt(args[0])), Integer.parseInt(args[1]));
        b.measure();
        b.measure();
        System.out.println(b.measure());
    }

    /** One variant's machine, cache and pointer array, reused across rounds. */
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
