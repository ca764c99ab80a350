package io.qpwscope.sweep;

import io.qpwscope.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parameters worth sweeping in a scenario, each with values around its current one that keep
 * the scenario valid: the drain period of each periodic trigger, the isolated CPUs, the batch
 * size (objects or folios per loop) of each allocating workload, the number of CPUs.
 */
public final class SweepSuggestions {
    /**
     * @param label     what the parameter means, for a chooser
     * @param parameter the path and the suggested values
     */
    public record Suggestion(String label, SweepParameter parameter) {
        @Override
        public String toString() {
            return label;
        }
    }

    private SweepSuggestions() {}

    /** @return suggestions whose every value validates against {@code s}, most telling first */
    public static List<Suggestion> of(Scenario s) {
        List<Suggestion> out = new ArrayList<>();
        for (int i = 0; i < s.triggers().size(); i++) {
            Scenario.TriggerSpec t = s.triggers().get(i);
            if (t.everyMs() <= 0) continue;
            long p = t.everyMs();
            add(out, s, "drain period: " + t.action() + " every … ms (triggers[" + i + "])",
                    "triggers[" + i + "].everyMs", numbers(Math.max(1, p / 4), Math.max(1, p / 2), p, p * 2));
        }
        String iso = s.isolatedCpus().isEmpty() ? "none" : s.isolatedCpus().toString();
        if (!iso.equals("none")) add(out, s, "isolated CPUs (nohz_full= isolcpus=)", SweepParameter.ISOLATED, List.of("none", iso));
        for (int i = 0; i < s.workloads().size(); i++) {
            Scenario.Workload w = s.workloads().get(i);
            if (!w.task().equals(Scenario.Workload.KMALLOC) && !w.task().equals(Scenario.Workload.LRU_ADD)) continue;
            String what = w.task().equals(Scenario.Workload.KMALLOC) ? "objects" : "folios";
            add(out, s, "batch size: " + what + " per loop, " + w.task() + " on CPU " + w.cpus() + " (workloads[" + i + "])",
                    "workloads[" + i + "].opsPerLoop", numbers(1, 4, w.opsPerLoop(), 16, 64));
        }
        int cpus = s.machine().cpus();
        add(out, s, "CPUs (machine.cpus)", "machine.cpus", numbers(cpus, Math.min(Scenario.Machine.MAX_CPUS, cpus * 2)));
        return out;
    }

    private static List<String> numbers(long... values) {
        Set<Long> sorted = new java.util.TreeSet<>();
        for (long v : values) sorted.add(v);
        List<String> out = new ArrayList<>();
        for (long v : sorted) out.add(Long.toString(v));
        return out;
    }

    private static void add(List<Suggestion> out, Scenario s, String label, String path, List<String> values) {
        SweepParameter p = new SweepParameter(path, new ArrayList<>(new LinkedHashSet<>(values)));
        try {
            SweepPlan.of(s, p);
            out.add(new Suggestion(label, p));
        } catch (SweepException e) {
            // a value around the current one that the scenario does not accept: not a suggestion
        }
    }
}
