package io.qpwscope.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * What to sweep: a parameter path and its values, as written on the command line:
 * {@code triggers[0].everyMs=50,100,200}. Values are separated by commas, or by semicolons
 * when any is present (a cpulist value has commas of its own: {@code isolated=3;2-3;1,3}).
 *
 * @param path   {@code machine.cpus}, {@code triggers[0].everyMs}, {@code workloads[2].opsPerLoop},
 *               {@link #ISOLATED}, ...: a field of the scenario JSON (see {@link ParamPath})
 * @param values the values in the order they run, as text
 */
public record SweepParameter(String path, List<String> values) {
    /** Pseudo-parameter: the CPUs the boot line isolates ({@code nohz_full=} and {@code isolcpus=}). */
    public static final String ISOLATED = "isolated";
    /** A sweep of more values than this is surely a typo (each value runs twice). */
    public static final int MAX_VALUES = 50;

    public SweepParameter {
        values = List.copyOf(values);
    }

    /**
     * Parses {@code PATH=V1,V2,...}.
     * @throws SweepException naming the text when it has no '=', no path or no values
     */
    public static SweepParameter parse(String spec) throws SweepException {
        int eq = spec.indexOf('=');
        if (eq < 0) throw new SweepException("parameter '" + spec + "' needs values: PATH=V1,V2,... (e.g. triggers[0].everyMs=50,100,200)");
        String path = spec.substring(0, eq).trim();
        if (path.isEmpty()) throw new SweepException("parameter '" + spec + "' has no path before '='");
        String list = spec.substring(eq + 1);
        String sep = list.contains(";") ? ";" : ",";
        List<String> values = new ArrayList<>();
        for (String v : list.split(sep, -1)) {
            String t = v.trim();
            if (t.isEmpty()) throw new SweepException("parameter " + path + ": empty value in '" + list + "'");
            values.add(t);
        }
        if (values.size() > MAX_VALUES) {
            throw new SweepException("parameter " + path + ": " + values.size() + " values, at most " + MAX_VALUES);
        }
        return new SweepParameter(path, values);
    }

    /** @return {@code path=v1,v2} as {@link #parse} reads it back. */
    @Override
    public String toString() {
        String sep = values.stream().anyMatch(v -> v.contains(",")) ? ";" : ",";
        return path + "=" + String.join(sep, values);
    }
}
