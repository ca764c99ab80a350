package io.qpwscope.bench;

import io.qpwscope.stats.Bootstrap;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench --json}: one object with a row per variant and how it was measured.
 *
 * @param loadAverage the host's 1-minute load average at the start and at the end (null if unknown)
 */
@JsonPropertyOrder({"rows", "repetitions", "iterations", "quick", "caveat"})
public record BenchReport(List<JsonRow> rows, int repetitions, int iterations, boolean quick, String caveat,
                          int warmups, int physicalCores, String jdk, double confidence, double maxDecisiveWidth,
                          List<Double> loadAverage) {

    /**
     * @param nsPerOp   median ns per kmalloc over the repetitions
     * @param ratio     median of the per-repetition ratios to the same kernel's unpatched
     * @param ratioLow  95 % bootstrap interval of {@code ratio}, low end
     * @param baseline  the row the others are divided by (its ratio is 1 by construction)
     */
    @JsonPropertyOrder({"kernel", "variant", "nsPerOp", "ratio", "ratioLow", "ratioHigh", "seedRatio", "verdict"})
    public record JsonRow(String kernel, String variant, double nsPerOp, double ratio, double ratioLow,
                          double ratioHigh, double seedRatio, String verdict, double nsPerOpLow, double nsPerOpHigh,
                          int seedCycles, boolean baseline) {}

    public static BenchReport of(KmallocBench.Result r, boolean quick, String caveat, List<Double> loadAverage) {
        List<JsonRow> rows = new ArrayList<>();
        for (KmallocBench.Row row : r.rows()) {
            KmallocBench.Variant v = row.variant();
            rows.add(new JsonRow(v.kernel(), v.name(), row.ns().estimate(), row.ratio().estimate(), row.ratio().low(),
                    row.ratio().high(), row.seedRatio(), row.verdict().label(), row.ns().low(), row.ns().high(),
                    v.seedCycles(), row.baseline()));
        }
        return new BenchReport(rows, r.repetitions(), r.iterations(), quick, caveat, r.warmups(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), 0.95,
                Verdict.MAX_WIDTH, loadAverage);
    }
}
