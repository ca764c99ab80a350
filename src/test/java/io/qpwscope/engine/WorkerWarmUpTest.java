package io.qpwscope.engine;

import io.qpwscope.engine.kernel.BootResult;
import io.qpwscope.engine.kernel.KernelBoot;
import io.qpwscope.engine.spec.EngineSpec;
import io.qpwscope.scenario.ScenarioResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JIT warm-up runs the engine's own paths on a private machine: work runs once each, nothing leaks. */
class WorkerWarmUpTest {
    private static EngineSpec spec(int qpw, boolean rt) {
        EngineSpec s = ScenarioResolver.resolve(Scenarios.flushbufs(true, true, 50, "nohz_full=3"), qpw, null);
        if (!rt) return s;
        var k = s.kernel();
        return new EngineSpec(s.name(), s.machine(), new io.qpwscope.engine.spec.KernelSpec(k.configQpw(),
                k.configQpwDefault(), true, k.bootLine()), s.sched(), s.tasks(), s.triggers(), s.costs(), s.trace(),
                s.scenarioJson());
    }

    private static BootResult boot(EngineSpec s) {
        var k = s.kernel();
        return KernelBoot.resolve(k.configQpw(), k.configQpwDefault(), k.preemptRt(), k.bootLine(), s.machine().cpus());
    }

    @ParameterizedTest(name = "qpw={0} rt={1}")
    @CsvSource({"0,false", "1,false", "0,true", "1,true"})
    @Timeout(30)
    void runsTriggersAndEveryQueuedWorkItemExactlyOnce(int qpw, boolean rt) {
        EngineSpec s = spec(qpw, rt);
        WorkerWarmUp.Result r = WorkerWarmUp.run(boot(s), s);
        assertTrue(r.triggers() > 0, "no trigger ran: " + r);
        assertEquals(r.workQueued(), r.workExecuted(), "queued vs run: " + r);
        assertTrue(r.violations().isEmpty(), "ledger: " + r.violations());
        if (qpw == 0) assertTrue(r.workQueued() > 0, "qpw=0 drains queue work to the stand-in CPU: " + r);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("warm-up/cpu1") && t.isAlive()), "the stand-in CPU's thread leaked");
    }

    @Test
    @Timeout(30)
    void warmsOncePerConfigurationAndNotForOneCpu() {
        EngineSpec s = spec(0, false);
        WorkerWarmUp.ensure(s, boot(s)); // this JVM's first, or already done by another test
        assertSame(WorkerWarmUp.Result.SKIPPED, WorkerWarmUp.ensure(s, boot(s)));
        EngineSpec one = new EngineSpec(s.name(), new io.qpwscope.engine.spec.MachineSpec(1, false),
                new io.qpwscope.engine.spec.KernelSpec(true, false, false, ""), s.sched(), java.util.List.of(),
                java.util.List.of(), s.costs(), s.trace(), null);
        assertSame(WorkerWarmUp.Result.SKIPPED, WorkerWarmUp.run(boot(one), one));
    }
}
