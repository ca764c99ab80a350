package io.qpwscope.engine.spec;

import java.util.List;

/**
 * Everything the engine needs to boot and run a machine.
 *
 * @param name         the scenario's name
 * @param machine      CPUs and pinning
 * @param kernel       build options and boot line
 * @param sched        kworkers vs SCHED_FIFO tasks
 * @param tasks        what CPUs run (CPUs no task names idle)
 * @param triggers     remote operations fired during the run
 * @param costs        modelled costs
 * @param trace        tracing options
 * @param scenarioJson the scenario's text, kept opaque for the recording's metadata (may be null)
 */
public record EngineSpec(String name, MachineSpec machine, KernelSpec kernel, SchedSpec sched, List<TaskSpec> tasks,
                         List<TriggerSpec> triggers, CostSpec costs, TraceSpec trace, String scenarioJson) {
    public EngineSpec {
        tasks = List.copyOf(tasks);
        triggers = List.copyOf(triggers);
    }

    /** @return this spec booted with "qpw=N" appended to the boot line; null: unchanged. */
    public EngineSpec withQpw(Integer qpw) {
        return new EngineSpec(name, machine, kernel.withQpw(qpw), sched, tasks, triggers, costs, trace, scenarioJson);
    }
}
