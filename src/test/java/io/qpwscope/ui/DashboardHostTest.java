package io.qpwscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qpwscope.ui.timeline.index.HostFigures;
import org.junit.jupiter.api.Test;

/** The dashboard's words for the calibrated fast path and the per-CPU host share. */
class DashboardHostTest {
    @Test
    void shouldShowTheCalibratedMedianWithItsIntervalPerMode() {
        assertEquals("qpw=0 42 ns [40–45] · qpw=1 63 ns [60–66] · 1.50×",
                DashboardTiles.fastPathLine(42, 40.2, 44.6, 63, 59.8, 66.1));
        assertEquals("qpw=0 42 ns [40–45] · qpw=1 —", DashboardTiles.fastPathLine(42, 40.2, 44.6, Double.NaN, Double.NaN, Double.NaN));
    }

    @Test
    void shouldListTheHostShareOfTheCpusThatHaveSamples() {
        HostFigures f = new HostFigures(new double[] {0.02, Double.NaN, 0.314}, new double[] {0.01, Double.NaN, 0.3},
                2, 5_000_000_000L, 0, 0, 0, 0);
        assertEquals("cpu0 2 % · cpu2 31 %", DashboardTiles.perCpu(f));
        assertEquals(0.314, f.worstShare(), 1e-12);
    }
}
