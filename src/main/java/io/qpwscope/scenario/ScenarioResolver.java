package io.qpwscope.scenario;

import io.qpwscope.engine.kernel.KernelBoot;
import io.qpwscope.engine.spec.CostSpec;
import io.qpwscope.engine.spec.EngineSpec;
import io.qpwscope.engine.spec.KernelSpec;
import io.qpwscope.engine.spec.MachineSpec;
import io.qpwscope.engine.spec.SchedPolicy;
import io.qpwscope.engine.spec.SchedSpec;
import io.qpwscope.engine.spec.TaskKind;
import io.qpwscope.engine.spec.TaskSpec;
import io.qpwscope.engine.spec.TraceSpec;
import io.qpwscope.engine.spec.TriggerSpec;
import io.qpwscope.trace.Trigger;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a scenario (JSON names, strings, milliseconds) into the engine's machine description
 * (enums, CPU masks, nanoseconds). Omitted optional parts take their defaults, as in
 * {@link Scenario#withDefaults()}.
 */
public final class ScenarioResolver {
    private static final long NS_PER_MS = 1_000_000L;

    private ScenarioResolver() {}

    public static EngineSpec resolve(Scenario s) {
        return resolve(s, null, null);
    }

    /**
     * @param qpwOverride  {@code run --qpw=N}: "qpw=N" appended to the boot line (null: none)
     * @param scenarioJson the scenario's text, kept in the recording's metadata (may be null)
     * @throws IllegalArgumentException for an unknown task or policy, or a CPU list naming a CPU
     *                                  the machine does not have (never for a validated scenario)
     */
    public static EngineSpec resolve(Scenario s, Integer qpwOverride, String scenarioJson) {
        MachineSpec machine = new MachineSpec(s.machine().cpus(), s.machine().pin());
        Scenario.Kernel k = s.kernel();
        KernelSpec kernel = new KernelSpec(k.CONFIG_QPW(), k.CONFIG_QPW_DEFAULT(), k.CONFIG_PREEMPT_RT(), k.boot())
                .withQpw(qpwOverride);
        List<TaskSpec> tasks = new ArrayList<>();
        if (s.workloads() != null) for (Scenario.Workload w : s.workloads()) tasks.add(task(w, machine.cpus()));
        List<TriggerSpec> triggers = new ArrayList<>();
        if (s.triggers() != null) {
            for (Scenario.TriggerSpec t : s.triggers()) {
                Trigger trigger = Trigger.ofId(t.action());
                if (trigger == null) continue;
                List<Long> at = t.atMs() == null ? List.of() : t.atMs().stream().map(ms -> ms * NS_PER_MS).toList();
                triggers.add(new TriggerSpec(trigger, t.cpu(), at, t.everyMs() * NS_PER_MS, t.startMs() * NS_PER_MS));
            }
        }
        return new EngineSpec(s.name(), machine, kernel, sched(s.sched()), tasks, triggers, costs(s.costs()),
                trace(s.trace()), scenarioJson);
    }

    static TaskSpec task(Scenario.Workload w, int cpus) {
        return new TaskSpec(KernelBoot.mask(w.cpus(), cpus), kind(w.task()), policy(w.policy()), w.priority(),
                w.objectSize() == 0 ? Scenario.Workload.DEFAULT_OBJECT_SIZE : w.objectSize(), Math.max(1, w.opsPerLoop()),
                w.writeBeforeLoop(), w.writeEveryMs() * NS_PER_MS, w.loopsPerSec());
    }

    /** @throws IllegalArgumentException naming the task when it is not one of {@link Scenario.Workload#TASKS} */
    public static TaskKind kind(String task) {
        return switch (task) {
            case Scenario.Workload.RT_LOOP -> TaskKind.RT_LOOP;
            case Scenario.Workload.KMALLOC -> TaskKind.KMALLOC;
            case Scenario.Workload.LRU_ADD -> TaskKind.LRU_ADD;
            case Scenario.Workload.IDLE -> TaskKind.IDLE;
            default -> throw new IllegalArgumentException("unknown task '" + task + "'");
        };
    }

    /** An omitted policy is SCHED_OTHER. */
    public static SchedPolicy policy(String policy) {
        if (policy == null || Scenario.Workload.SCHED_OTHER.equals(policy)) return SchedPolicy.SCHED_OTHER;
        if (Scenario.Workload.SCHED_FIFO.equals(policy)) return SchedPolicy.SCHED_FIFO;
        throw new IllegalArgumentException("unknown policy '" + policy + "'");
    }

    static SchedSpec sched(Scenario.Sched s) {
        if (s == null) return SchedSpec.DEFAULT;
        return new SchedSpec(s.rtThrottling(), s.rtPeriodMs() * NS_PER_MS, s.rtRuntimeMs() * NS_PER_MS,
                s.stalldThresholdMs() * NS_PER_MS, s.fairServer());
    }

    static CostSpec costs(Scenario.Costs c) {
        return c == null ? CostSpec.DEFAULT : new CostSpec(c.contextSwitchNs(), c.workqueueWakeupNs());
    }

    static TraceSpec trace(Scenario.TraceOptions t) {
        return t == null ? TraceSpec.DEFAULT : new TraceSpec(t.ringRecords(), t.lockEvents());
    }
}
