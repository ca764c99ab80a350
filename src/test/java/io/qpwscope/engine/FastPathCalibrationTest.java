package io.qpwscope.engine;

import io.qpwscope.engine.kernel.KernelBoot;
import io.qpwscope.scenario.ScenarioLoader;
import io.qpwscope.scenario.ScenarioResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's fast-path figures: paired, untraced, with their intervals. */
class FastPathCalibrationTest {

    private static void assertInside(FastPathCalibration.Figure f) {
        assertTrue(f.measured(), f.toString());
        assertTrue(f.nsPerOp() > 0, f.toString());
        assertTrue(f.low() <= f.nsPerOp() && f.nsPerOp() <= f.high(), f.toString());
    }

    @Test
    @Timeout(60)
    void shouldMeasureBothModesWithAnIntervalEachWhenConfigQpwIsSet() {
        FastPathCalibration c = Machine.forBenchmark(KernelBoot.resolve(true, false, false, "", 1), 1).fastPath();
        assertFalse(c.qpw0().measured(), "nothing before the first calibration");
        assertTrue(c.calibrate());
        assertInside(c.qpw0());
        assertInside(c.qpw1());
        assertTrue(c.calibrate(), "again, after a mode switch");
        assertEquals(2, c.calibrations());
    }

    @Test
    @Timeout(60)
    void shouldHaveNoQpw1FigureWithoutConfigQpw() {
        FastPathCalibration c = Machine.forBenchmark(KernelBoot.resolve(false, false, false, "", 1), 1).fastPath();
        assertTrue(c.calibrate());
        assertInside(c.qpw0());
        assertFalse(c.qpw1().measured());
    }

    @Test
    @Timeout(60)
    void shouldReportTheCalibratedFiguresInTheRunSummary() throws Exception {
        try (Engine e = new Engine(ScenarioResolver.resolve(new ScenarioLoader().load(Path.of("scenarios/kmalloc-bench.json")), 0, null))) {
            e.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Double.isFinite(e.stats().fastPathNsPerOpQpw1()) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000_000);
            }
            e.stop();
            Summary s = e.summary();
            assertNotNull(s.fastPathNsPerOpQpw0());
            assertNotNull(s.fastPathNsPerOpQpw1());
            assertTrue(s.fastPathNsPerOpQpw0Low() <= s.fastPathNsPerOpQpw0() && s.fastPathNsPerOpQpw0() <= s.fastPathNsPerOpQpw0High());
            assertTrue(s.fastPathNsPerOpQpw1Low() <= s.fastPathNsPerOpQpw1() && s.fastPathNsPerOpQpw1() <= s.fastPathNsPerOpQpw1High());
            assertTrue(s.invariants().ok(), s.invariants().violations().toString());
        }
    }

    @Test
    @Timeout(60)
    void shouldLeaveTheFiguresNullWithoutAKmallocTask() throws Exception {
        try (Engine e = new Engine(ScenarioResolver.resolve(new ScenarioLoader().load(Path.of("scenarios/memcg-stock.json")), null, null))) {
            e.start();
            LockSupport.parkNanos(200_000_000);
            e.stop();
            assertNull(e.summary().fastPathNsPerOpQpw0Low());
        }
    }
}
