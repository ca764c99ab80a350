package io.qpwscope.engine.spec;

import io.qpwscope.trace.Trigger;

import java.util.List;

/**
 * A remote operation the engine fires during a run, from a housekeeping CPU.
 *
 * @param trigger what runs
 * @param cpu     the CPU that issues it
 * @param atNs    fire once at each of these times from start
 * @param everyNs fire periodically (0 = not periodic)
 * @param startNs first periodic firing
 */
public record TriggerSpec(Trigger trigger, int cpu, List<Long> atNs, long everyNs, long startNs) {
    public TriggerSpec {
        atNs = List.copyOf(atNs);
    }
}
