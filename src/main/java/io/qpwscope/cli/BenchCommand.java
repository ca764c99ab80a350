package io.qpwscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qpwscope.bench.BenchReport;
import io.qpwscope.bench.KmallocBench;
import io.qpwscope.bench.Verdict;
import io.qpwscope.engine.host.HostGapProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bench [--quick] [--json] [--iterations N] [--repetitions N]}: the seed's kmalloc_bench table, measured here;
 * {@code bench --host-gaps [--json]}: how often the host stalls a thread unseen by this kernel.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Reproduce the seed's kmalloc_bench table (unpatched, CONFIG_QPW=n, qpw=0, qpw=1; non-RT and RT): "
                + "paired, interleaved repetitions, 95 %% intervals and a verdict per row.")
public final class BenchCommand implements Callable<Integer> {
    static final String QUICK_CAVEAT = "quick: short timed loops on a shared machine; the figures are indicative only";
    static final String FULL_CAVEAT = "measured on a shared machine: the intervals include its noise, not a real kernel's";

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "1 M iterations x 15 repetitions instead of 9 M x 21 (a smoke run)")
    boolean quick;

    @Option(names = "--json", description = "print one JSON object on stdout instead of the table")
    boolean json;

    @Option(names = "--iterations", paramLabel = "N", description = "kmalloc calls per timed loop (default 9000000, --quick 1000000)")
    Integer iterations;

    @Option(names = "--repetitions", paramLabel = "N", description = "paired repetitions (default 21, --quick 15)")
    Integer repetitions;

    @Option(names = "--host-gaps", description = "instead of the table: read the clock back to back on one thread for 3 s and "
            + "count the host's stalls, beside what this kernel's schedstat saw (what a VM hides is the difference)")
    boolean hostGaps;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (hostGaps) return hostGaps(out);
        int iters = iterations != null ? iterations : quick ? 1_000_000 : 9_000_000;
        int reps = repetitions != null ? repetitions : quick ? 15 : 21;
        if (iters < 1000 || iters > 50_000_000) {
            err.println("qpwscope bench: --iterations must be 1000..50000000, not " + iters);
            return 2;
        }
        if (reps < 5 || reps > 1000) {
            err.println("qpwscope bench: --repetitions must be 5..1000, not " + reps);
            return 2;
        }
        String caveat = quick ? QUICK_CAVEAT : FULL_CAVEAT;
        List<Double> load = new ArrayList<>();
        addLoad(load);
        if (!json) {
            out.printf("kmalloc_bench: kmalloc(64) x %,d with preemption off, %d paired repetitions (each runs every%n", iters, reps);
            out.printf("variant back to back, seeded random order), each variant in its own JVM on a real thread%n");
            out.printf("(%d cores, JDK %s, load average %s). Modelled costs: none. Seed: cycles/op on a real kernel (v3).%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), fmtLoad(load.getFirst()));
            out.printf("ratio: median per-repetition ratio to the same kernel's unpatched, 95 %% bootstrap interval.%n");
            out.printf("verdict: contradicts = interval excludes the seed; inconclusive = contains it but wider than %.2f.%n",
                    Verdict.MAX_WIDTH);
            if (quick) out.println("NOTE " + QUICK_CAVEAT + ".");
            out.println();
            out.flush();
        }
        KmallocBench.Result result = KmallocBench.run(iters, reps, 2, line -> {
            err.println("  " + line);
            err.flush();
        });
        addLoad(load);
        BenchReport report = BenchReport.of(result, quick, caveat, load);
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(report));
        } else {
            printTable(out, report);
            out.printf("%nload average at the end: %s%n", fmtLoad(load.getLast()));
        }
        out.flush();
        return 0;
    }

    private int hostGaps(PrintWriter out) throws Exception {
        HostGapProbe.Result r = HostGapProbe.run(3_000_000_000L);
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("wallNs", r.wallNs());
            j.put("gaps", r.gaps());
            j.put("gapsPerSecond", Math.round(r.gapsPerSecond()));
            j.put("gapTotalNs", r.gapTotalNs());
            j.put("gapMaxNs", r.gapMaxNs());
            j.put("histogramUs", Map.of("edges", List.of(5, 10, 20, 50, 100, 200, 1000), "counts", r.histogram()));
            j.put("schedstat", r.guest() == null ? null : Map.of("runNs", r.guest().kernelNs(),
                    "stealNs", r.guest().stealNs(), "pauseNs", r.guest().pauseNs()));
            j.put("unseenNs", r.guest() == null ? null : r.unseenNs());
            out.println(new ObjectMapper().writeValueAsString(j));
            return 0;
        }
        out.printf("one thread reading the clock back to back for %.1f s: %,d stalls over %d µs (%,.0f a second), %.2f %% of the time, longest %,d µs%n",
                r.wallNs() / 1e9, r.gaps(), HostGapProbe.MIN_GAP_NS / 1000, r.gapsPerSecond(), 100 * r.gapShare(), r.gapMaxNs() / 1000);
        out.printf("  5-10 µs %,d | 10-20 %,d | 20-50 %,d | 50-100 %,d | 100-200 %,d | 200-1000 %,d | > 1 ms %,d%n",
                r.histogram()[0], r.histogram()[1], r.histogram()[2], r.histogram()[3], r.histogram()[4], r.histogram()[5], r.histogram()[6]);
        if (r.guest() == null) {
            out.println("this kernel's schedstat is not readable: what the guest saw is unknown");
        } else {
            out.printf("schedstat saw: on a core %.2f %%, run-queue wait %.3f ms, otherwise off %.3f ms; unseen by the guest: %.3f ms (%.2f %%)%n",
                    100.0 * r.guest().kernelNs() / r.wallNs(), r.guest().stealNs() / 1e6, r.guest().pauseNs() / 1e6,
                    r.unseenNs() / 1e6, 100.0 * r.unseenNs() / r.wallNs());
            if (r.unseenNs() > r.wallNs() / 100) {
                out.println("the host takes time this kernel does not report as steal: QPW Scope finds it by watching the clock (README)");
            }
        }
        return 0;
    }

    private static void printTable(PrintWriter out, BenchReport report) {
        out.printf("%-16s %-13s %8s %7s %-17s %6s %6s  %s%n", "kernel", "variant", "ns/op", "ratio", "95% interval",
                "seed", "seed x", "verdict");
        for (BenchReport.JsonRow r : report.rows()) {
            out.printf("%-16s %-13s %8.2f %6.2fx [%5.2fx, %5.2fx] %6d %5.2fx  %s%n", r.kernel(), r.variant(), r.nsPerOp(),
                    r.ratio(), r.ratioLow(), r.ratioHigh(), r.seedCycles(), r.seedRatio(),
                    r.baseline() ? "(baseline)" : r.verdict());
        }
    }

    private static void addLoad(List<Double> load) {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        load.add(l < 0 ? null : Math.round(l * 100) / 100.0);
    }

    private static String fmtLoad(Double l) {
        return l == null ? "unknown" : String.format("%.2f", l);
    }
}
