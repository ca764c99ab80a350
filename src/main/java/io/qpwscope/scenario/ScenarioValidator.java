package io.qpwscope.scenario;

import io.qpwscope.scenario.Scenario.Costs;
import io.qpwscope.scenario.Scenario.Machine;
import io.qpwscope.scenario.Scenario.NarrationStep;
import io.qpwscope.scenario.Scenario.Sched;
import io.qpwscope.scenario.Scenario.TraceOptions;
import io.qpwscope.scenario.Scenario.TriggerSpec;
import io.qpwscope.scenario.Scenario.Workload;
import io.qpwscope.trace.Trigger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks that need values rather than types: ranges, cpulists, CPU overlaps, policy and
 * priority, trigger CPUs against the boot line's isolation. Runs on a bound scenario with
 * defaults applied and collects every problem; where a value was defaulted, the problem
 * points at the nearest enclosing object in the text.
 */
final class ScenarioValidator {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MAX_PRIORITY = 99;
    static final int MAX_NARRATION_CHARS = 1000;

    private final SourceTree tree;
    private final String file;
    private final List<Problem> problems;

    ScenarioValidator(SourceTree tree, String file, List<Problem> problems) {
        this.tree = tree;
        this.file = file;
        this.problems = problems;
    }

    void check(Scenario s) {
        if (!NAME.matcher(s.name()).matches()) {
            add("name", "\"" + s.name() + "\" is not a short id: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        int cpus = s.machine().cpus();
        if (!range("machine.cpus", cpus, 1, Machine.MAX_CPUS)) cpus = -1;
        BootLine boot = boot(s.kernel().boot(), cpus);
        sched(s.sched());
        workloads(s.workloads(), cpus);
        triggers(s.triggers(), cpus, boot);
        range("durationMs", s.durationMs(), 1, Scenario.MAX_DURATION_MS);
        Costs c = s.costs();
        range("costs.contextSwitchNs", c.contextSwitchNs(), 0, Costs.MAX_NS);
        range("costs.workqueueWakeupNs", c.workqueueWakeupNs(), 0, Costs.MAX_NS);
        trace(s.trace());
        narration(s.narration());
    }

    /** @return the parsed boot line, or null when it is malformed. */
    private BootLine boot(String text, int cpus) {
        String path = "kernel.boot";
        try {
            BootLine b = BootLine.parse(text);
            if (cpus > 0) {
                for (ValueSyntaxException e : b.checkAgainst(cpus)) addIn(path, text, e);
            }
            return b;
        } catch (ValueSyntaxException e) {
            addIn(path, text, e);
            return null;
        }
    }

    private void sched(Sched s) {
        range("sched.rtPeriodMs", s.rtPeriodMs(), 1, Sched.MAX_RT_PERIOD_MS);
        if (range("sched.rtRuntimeMs", s.rtRuntimeMs(), 0, Sched.MAX_RT_PERIOD_MS) && s.rtRuntimeMs() > s.rtPeriodMs()) {
            add("sched.rtRuntimeMs", "rtRuntimeMs (" + s.rtRuntimeMs() + ") must not exceed rtPeriodMs (" + s.rtPeriodMs()
                    + "), as sched_rt_runtime_us <= sched_rt_period_us");
        }
        range("sched.stalldThresholdMs", s.stalldThresholdMs(), 0, Scenario.MAX_DURATION_MS);
    }

    private void workloads(List<Workload> workloads, int cpus) {
        Map<Integer, Integer> owner = new HashMap<>();
        for (int i = 0; i < workloads.size(); i++) {
            Workload w = workloads.get(i);
            String at = JsonPath.index("workloads", i);
            String cpusPath = at + ".cpus";
            try {
                CpuList list = CpuList.parse(w.cpus());
                for (int cpu : list.toArray()) {
                    if (cpus > 0 && cpu >= cpus) {
                        add(cpusPath, "CPU " + cpu + " is beyond the machine's " + cpus + " CPU" + (cpus == 1 ? "" : "s")
                                + " (0-" + (cpus - 1) + ")");
                        break;
                    }
                    Integer first = owner.putIfAbsent(cpu, i);
                    if (first != null) {
                        add(cpusPath, "CPU " + cpu + " is already in workloads[" + first + "]: a CPU runs one workload");
                    }
                }
            } catch (ValueSyntaxException e) {
                addIn(cpusPath, w.cpus(), e);
            }
            oneOf(at + ".task", w.task(), Workload.TASKS);
            // the priority rules depend on the policy: skip them until the policy is a known one
            boolean policyKnown = oneOf(at + ".policy", w.policy(), Workload.POLICIES);
            if (policyKnown && w.usesFifo()) {
                if (w.priority() < 1 || w.priority() > MAX_PRIORITY) {
                    add(at + ".priority", "SCHED_FIFO needs a priority between 1 and " + MAX_PRIORITY + ", got " + w.priority());
                }
                if (Workload.IDLE.equals(w.task())) {
                    add(at + ".policy", "an idle CPU runs no task, so it takes no SCHED_FIFO policy");
                }
            } else if (policyKnown && w.priority() != 0) {
                add(at + ".priority", "priority applies to SCHED_FIFO only: remove it, or set \"policy\": \"SCHED_FIFO\"");
            }
            range(at + ".objectSize", w.objectSize(), Workload.MIN_OBJECT_SIZE, Workload.MAX_OBJECT_SIZE);
            range(at + ".opsPerLoop", w.opsPerLoop(), 1, Workload.MAX_OPS_PER_LOOP);
            range(at + ".writeEveryMs", w.writeEveryMs(), 0, Scenario.MAX_DURATION_MS);
            range(at + ".loopsPerSec", w.loopsPerSec(), 0, Workload.MAX_LOOPS_PER_SEC);
        }
    }

    private void triggers(List<TriggerSpec> triggers, int cpus, BootLine boot) {
        List<String> ids = Arrays.stream(Trigger.values()).filter(t -> t != Trigger.NONE).map(t -> t.id).toList();
        for (int i = 0; i < triggers.size(); i++) {
            TriggerSpec t = triggers.get(i);
            String at = JsonPath.index("triggers", i);
            oneOf(at + ".action", t.action(), ids);
            if (range(at + ".cpu", t.cpu(), 0, cpus > 0 ? cpus - 1 : Machine.MAX_CPUS - 1) && boot != null
                    && boot.isolated().contains(t.cpu())) {
                CpuList housekeeping = cpus > 0 ? CpuList.firstN(cpus).minus(boot.isolated()) : CpuList.EMPTY;
                add(at + ".cpu", "CPU " + t.cpu() + " is isolated by the boot line (" + isolatedBy(boot, t.cpu())
                        + "): triggers are issued from a housekeeping CPU"
                        + (housekeeping.isEmpty() ? "" : " (" + housekeeping + ")"));
            }
            for (int k = 0; k < t.atMs().size(); k++) {
                range(JsonPath.index(at + ".atMs", k), t.atMs().get(k), 0, Scenario.MAX_DURATION_MS);
            }
            range(at + ".everyMs", t.everyMs(), 0, Scenario.MAX_DURATION_MS);
            range(at + ".startMs", t.startMs(), 0, Scenario.MAX_DURATION_MS);
            if (t.everyMs() == 0) {
                if (t.atMs().isEmpty()) add(at, "never fires: give \"atMs\" times or a period \"everyMs\"");
                if (t.startMs() != 0) add(at + ".startMs", "startMs applies to periodic triggers only (everyMs > 0)");
            }
        }
    }

    private static String isolatedBy(BootLine boot, int cpu) {
        return boot.nohzFull().contains(cpu) ? "nohz_full=" + boot.nohzFull() : "isolcpus=" + boot.isolcpus();
    }

    private void trace(TraceOptions t) {
        int n = t.ringRecords();
        if (n < TraceOptions.MIN_RING_RECORDS || n > TraceOptions.MAX_RING_RECORDS || Integer.bitCount(n) != 1) {
            add("trace.ringRecords", "must be a power of two between " + TraceOptions.MIN_RING_RECORDS + " and "
                    + TraceOptions.MAX_RING_RECORDS + ", got " + n);
        }
    }

    private void narration(List<NarrationStep> steps) {
        for (int i = 0; i < steps.size(); i++) {
            String at = JsonPath.index("narration", i);
            range(at + ".atMs", steps.get(i).atMs(), 0, Scenario.MAX_DURATION_MS);
            String text = steps.get(i).text();
            if (text.isBlank()) add(at + ".text", "narration text is empty");
            else if (text.length() > MAX_NARRATION_CHARS) add(at + ".text", "narration text is longer than " + MAX_NARRATION_CHARS + " characters");
        }
    }

    private boolean range(String path, long v, long lo, long hi) {
        if (v >= lo && v <= hi) return true;
        add(path, "must be between " + lo + " and " + hi + ", got " + v);
        return false;
    }

    private boolean oneOf(String path, String v, List<String> allowed) {
        if (allowed.contains(v)) return true;
        add(path, "\"" + v + "\" is not one of " + String.join(", ", allowed));
        return false;
    }

    private void add(String path, String message) {
        SourceTree.Spot s = tree.valueSpot(path);
        problems.add(new Problem(file, s.line(), s.column(), JsonPath.shown(path), message));
    }

    /** A problem at a character inside a string value. */
    private void addIn(String path, String value, ValueSyntaxException e) {
        SourceTree.Spot s = tree.insideString(path, value, e.offset());
        problems.add(new Problem(file, s.line(), s.column(), path, e.getMessage()));
    }
}
