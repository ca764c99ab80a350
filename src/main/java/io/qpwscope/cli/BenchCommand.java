package io.qpwscope.cli;

import io.qpwscope.bench.KmallocBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bench [--quick]}: the seed's kmalloc_bench table, measured on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Reproduce the seed's kmalloc_bench table (unpatched, CONFIG_QPW=n, qpw=0, qpw=1; non-RT and RT).")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "1 M iterations x 3 rounds instead of the seed's 9 M x 5")
    boolean quick;

    @Option(names = "--iterations", description = "kmalloc calls per timed loop (default 9000000, --quick 1000000)")
    Integer iterations;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int iters = iterations != null ? iterations : quick ? 1_000_000 : 9_000_000;
        int rounds = quick ? 3 : 5;
        if (iters < 1000 || iters > 50_000_000) {
            spec.commandLine().getErr().println("qpwscope bench: --iterations must be 1000..50000000");
            return 2;
        }
        out.printf("kmalloc_bench: kmalloc(64) x %,d with preemption off, median of %d interleaved rounds,%n", iters, rounds);
        out.printf("each variant in its own JVM on a real thread (%d physical cores, JDK %s). Modelled costs: none.%nSeed: cycles/op on a real kernel (v3 cover letter).%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.flush();
        List<KmallocBench.Row> rows = KmallocBench.run(iters, rounds, line -> {
            spec.commandLine().getErr().println("  " + line);
            spec.commandLine().getErr().flush();
        });
        out.printf("%-16s %-13s %9s %10s %12s %12s%n", "kernel", "variant", "ns/op", "ratio", "seed cycles", "seed ratio");
        for (KmallocBench.Row r : rows) {
            KmallocBench.Variant v = r.variant();
            out.printf("%-16s %-13s %9.2f %9.2fx %12s %12s%n", v.kernel(), v.name(), r.nsPerOp(), r.ratioToUnpatched(),
                    v.seedCycles() == null ? "-" : v.seedCycles().toString(),
                    r.seedRatio() == null ? "-" : String.format("%.2fx", r.seedRatio()));
        }
        out.flush();
        return 0;
    }
}
