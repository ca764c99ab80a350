package io.qpwscope.ui.lab;

import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.Scenario.Costs;
import io.qpwscope.scenario.Scenario.Kernel;
import io.qpwscope.scenario.Scenario.Machine;
import io.qpwscope.scenario.Scenario.Sched;
import io.qpwscope.scenario.Scenario.TraceOptions;
import io.qpwscope.scenario.Scenario.TriggerSpec;
import io.qpwscope.scenario.Scenario.Workload;
import java.util.ArrayList;
import java.util.List;

/** Copies of a scenario record with one part replaced (records are immutable). */
public final class ScenarioEdits {
    private ScenarioEdits() {}

    public static Scenario with(Scenario s, Kernel k) {
        return new Scenario(s.name(), s.description(), s.machine(), k, s.sched(), s.workloads(), s.triggers(),
                s.durationMs(), s.costs(), s.trace(), s.narration());
    }

    public static Scenario with(Scenario s, Machine m) {
        return new Scenario(s.name(), s.description(), m, s.kernel(), s.sched(), s.workloads(), s.triggers(),
                s.durationMs(), s.costs(), s.trace(), s.narration());
    }

    public static Scenario with(Scenario s, Sched x) {
        return new Scenario(s.name(), s.description(), s.machine(), s.kernel(), x, s.workloads(), s.triggers(),
                s.durationMs(), s.costs(), s.trace(), s.narration());
    }

    public static Scenario with(Scenario s, Costs c) {
        return new Scenario(s.name(), s.description(), s.machine(), s.kernel(), s.sched(), s.workloads(), s.triggers(),
                s.durationMs(), c, s.trace(), s.narration());
    }

    public static Scenario with(Scenario s, TraceOptions t) {
        return new Scenario(s.name(), s.description(), s.machine(), s.kernel(), s.sched(), s.workloads(), s.triggers(),
                s.durationMs(), s.costs(), t, s.narration());
    }

    public static Scenario withWorkload(Scenario s, int i, Workload w) {
        List<Workload> l = new ArrayList<>(s.workloads());
        l.set(i, w);
        return new Scenario(s.name(), s.description(), s.machine(), s.kernel(), s.sched(), List.copyOf(l), s.triggers(),
                s.durationMs(), s.costs(), s.trace(), s.narration());
    }

    public static Scenario withTrigger(Scenario s, int i, TriggerSpec t) {
        List<TriggerSpec> l = new ArrayList<>(s.triggers());
        l.set(i, t);
        return new Scenario(s.name(), s.description(), s.machine(), s.kernel(), s.sched(), s.workloads(), List.copyOf(l),
                s.durationMs(), s.costs(), s.trace(), s.narration());
    }
}
