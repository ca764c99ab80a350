package io.qpwscope.engine;

import io.qpwscope.scenario.ScenarioResolver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineSmokeTest {
    @Test
    @Timeout(60)
    void qpw0InterruptsIsolatedCpuAndQpw1DoesNot() throws Exception {
        for (int mode = 0; mode <= 1; mode++) {
            Engine e = new Engine(ScenarioResolver.resolve(Scenarios.flushbufs(false, true, 50, "nohz_full=3"), mode, null));
            e.start();
            Thread.sleep(600);
            e.stop();
            Summary s = e.summary();
            System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(s));
            assertTrue(s.invariants().ok(), s.invariants().violations().toString());
            assertEquals(s.work().queued(), s.work().executed());
            long intr = s.cpus().get(3).metrics().interruptions();
            if (mode == 0) assertTrue(intr > 0, "qpw=0 must interrupt cpu3");
            else assertEquals(0, intr, "qpw=1 must not interrupt cpu3");
        }
    }
}
