package io.qpwscope.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.engine.spec.CostSpec;
import io.qpwscope.engine.spec.EngineSpec;
import io.qpwscope.engine.spec.SchedPolicy;
import io.qpwscope.engine.spec.SchedSpec;
import io.qpwscope.engine.spec.TaskKind;
import io.qpwscope.engine.spec.TaskSpec;
import io.qpwscope.engine.spec.TraceSpec;
import io.qpwscope.engine.spec.TriggerSpec;
import io.qpwscope.trace.Trigger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scenario file resolves into the engine's machine description: enums, CPU masks, nanoseconds. */
class ScenarioResolverTest {
    private static final String JSON = """
            {
              "name": "resolve-me",
              "machine": { "cpus": 6, "pin": true },
              "kernel": { "CONFIG_QPW": true, "CONFIG_PREEMPT_RT": true, "boot": " nohz_full=4-5 " },
              "sched": { "rtThrottling": false, "rtPeriodMs": 100, "rtRuntimeMs": 60, "stalldThresholdMs": 7 },
              "workloads": [
                { "cpus": "0,2", "task": "kmalloc", "opsPerLoop": 8, "objectSize": 128 },
                { "cpus": "1", "task": "lru-add", "loopsPerSec": 500 },
                { "cpus": "4-5", "task": "rt-loop", "policy": "SCHED_FIFO", "priority": 50,
                  "writeBeforeLoop": true, "writeEveryMs": 20 },
                { "cpus": "3", "task": "idle" }
              ],
              "triggers": [
                { "action": "flushbufs", "cpu": 0, "everyMs": 100, "startMs": 10 },
                { "action": "mlock", "cpu": 1, "atMs": [30, 40] }
              ],
              "costs": { "contextSwitchNs": 2000, "workqueueWakeupNs": 500 },
              "trace": { "ringRecords": 4096, "lockEvents": false },
              "durationMs": 500
            }
            """;

    private static EngineSpec resolved(Integer qpw) throws ScenarioException {
        return ScenarioResolver.resolve(new ScenarioLoader().parse(JSON, "t.json"), qpw, JSON);
    }

    @Test
    void shouldResolveTaskKindsPoliciesAndCpuMasks() throws ScenarioException {
        List<TaskSpec> tasks = resolved(null).tasks();
        assertEquals(4, tasks.size());

        TaskSpec kmalloc = tasks.get(0);
        assertEquals(TaskKind.KMALLOC, kmalloc.kind());
        assertEquals(0b101, kmalloc.cpuMask());
        assertEquals(SchedPolicy.SCHED_OTHER, kmalloc.policy(), "an omitted policy is SCHED_OTHER");
        assertEquals(8, kmalloc.opsPerLoop());
        assertEquals(128, kmalloc.objectSize());

        TaskSpec lru = tasks.get(1);
        assertEquals(TaskKind.LRU_ADD, lru.kind());
        assertEquals(0b10, lru.cpuMask());
        assertEquals(500, lru.loopsPerSec());
        assertEquals(1, lru.opsPerLoop(), "default ops per loop");

        TaskSpec rt = tasks.get(2);
        assertEquals(TaskKind.RT_LOOP, rt.kind());
        assertEquals(0b110000, rt.cpuMask());
        assertEquals(SchedPolicy.SCHED_FIFO, rt.policy());
        assertTrue(rt.fifo());
        assertEquals(50, rt.priority());
        assertTrue(rt.writeBeforeLoop());
        assertEquals(20_000_000L, rt.writeEveryNs());
        assertTrue(rt.runsOn(4) && rt.runsOn(5) && !rt.runsOn(3));

        assertEquals(TaskKind.IDLE, tasks.get(3).kind());
        assertEquals(0b1000, tasks.get(3).cpuMask());
    }

    @Test
    void shouldResolveMachineKernelSchedCostsAndTraceInEngineUnits() throws ScenarioException {
        EngineSpec s = resolved(null);
        assertEquals("resolve-me", s.name());
        assertEquals(6, s.machine().cpus());
        assertTrue(s.machine().pin());
        assertEquals(0b111111, s.machine().allCpus());
        assertTrue(s.kernel().configQpw());
        assertFalse(s.kernel().configQpwDefault());
        assertTrue(s.kernel().preemptRt());
        assertEquals("nohz_full=4-5", s.kernel().bootLine(), "the boot line is trimmed");
        assertEquals(new SchedSpec(false, 100_000_000L, 60_000_000L, 7_000_000L, false), s.sched());
        assertEquals(new CostSpec(2000, 500), s.costs());
        assertEquals(new TraceSpec(4096, false), s.trace());
        assertEquals(JSON, s.scenarioJson(), "the scenario text is kept as is for the recording");
    }

    @Test
    void shouldResolveTriggersToEnumAndNanoseconds() throws ScenarioException {
        List<TriggerSpec> t = resolved(null).triggers();
        assertEquals(new TriggerSpec(Trigger.FLUSHBUFS, 0, List.of(), 100_000_000L, 10_000_000L), t.get(0));
        assertEquals(new TriggerSpec(Trigger.MLOCK, 1, List.of(30_000_000L, 40_000_000L), 0, 0), t.get(1));
    }

    @Test
    void shouldAppendTheQpwOverrideToTheBootLine() throws ScenarioException {
        assertEquals("nohz_full=4-5 qpw=0", resolved(0).kernel().bootLine());
        assertEquals("nohz_full=4-5", resolved(null).kernel().bootLine());
    }

    @Test
    void shouldFillDefaultsForAScenarioBuiltInCode() {
        Scenario bare = new Scenario("bare", null, new Scenario.Machine(2, false),
                new Scenario.Kernel(true, true, false, null), null, null, null, 100, null, null, null);
        EngineSpec s = ScenarioResolver.resolve(bare);
        assertEquals(SchedSpec.DEFAULT, s.sched());
        assertEquals(CostSpec.DEFAULT, s.costs());
        assertEquals(TraceSpec.DEFAULT, s.trace());
        assertEquals("", s.kernel().bootLine());
        assertTrue(s.tasks().isEmpty() && s.triggers().isEmpty());
        assertNull(s.scenarioJson());
    }

    @Test
    void shouldRejectWhatTheEngineCannotRun() {
        assertEquals("unknown task 'spin'",
                assertThrows(IllegalArgumentException.class, () -> ScenarioResolver.kind("spin")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScenarioResolver.policy("SCHED_RR"));
        Scenario.Workload beyond = new Scenario.Workload("2", "idle", null, 0, 0, 0, false, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> ScenarioResolver.task(beyond, 2));
    }
}
