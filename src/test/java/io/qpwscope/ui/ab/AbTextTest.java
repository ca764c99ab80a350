package io.qpwscope.ui.ab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.engine.EngineStats;
import io.qpwscope.trace.CpuMetrics;
import io.qpwscope.ui.KernelFiguresLine;
import io.qpwscope.ui.QpwModeText;
import io.qpwscope.ui.timeline.index.HostFigures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words of the A/B window and the presentation strip: kernel figures first, host apart, modes named. */
class AbTextTest {
    private static EngineStats stats(long interruptions, long maxNs) {
        List<CpuMetrics> cpus = List.of(
                CpuMetrics.builder(0, false).interruptions(5, 9_000_000, 9_000_000).build(),
                CpuMetrics.builder(3, true).interruptions(interruptions, maxNs, maxNs).build());
        return new EngineStats(cpus, 0, 1, 1, 100, 0, 1_000_000_000L, 40, 44, 0, 39, 41, 43, 45);
    }

    @Test
    void shouldCountOnlyIsolatedCpusAndGiveTheKernelPartWithTheHostApart() {
        HostFigures f = new HostFigures(new double[] {0.31, Double.NaN}, new double[] {0.2, Double.NaN}, 0, 5_000_000_000L,
                117_000, 3_890_000, 15_000, 20_000);
        String line = KernelFiguresLine.of(stats(1, 3_890_000), f);
        assertTrue(line.startsWith("1 interruption on isolated CPUs · worst 117 µs kernel"), line);
        assertTrue(line.endsWith("host steal + pause 31 % (cpu0)"), "the host's share comes last, apart: " + line);
    }

    @Test
    void shouldSayWallTimeWhileTheTimelineHasNoHostSplitYet() {
        String line = KernelFiguresLine.of(stats(2, 3_890_000), null);
        assertTrue(line.startsWith("2 interruptions on isolated CPUs · worst 3.89 ms wall"), line);
        assertTrue(line.endsWith("host steal: no samples yet"), line);
        assertEquals("no run", KernelFiguresLine.of(null, null));
    }

    @Test
    void shouldNameTheModeInForceAndWhyAKernelWithoutQpwStaysAtZero() {
        assertEquals("qpw=0: local locks + kworker", QpwModeText.switchLabel(0, true));
        assertEquals("qpw=1: per-CPU spinlocks", QpwModeText.switchLabel(1, true));
        assertEquals("qpw=0: local locks + kworker (CONFIG_QPW=n)", QpwModeText.switchLabel(1, false));
        assertEquals("qpw: not booted", QpwModeText.switchLabel(-1, true));
    }

    @Test
    void shouldStateHowFarApartTheTwoClocksStarted() {
        assertEquals("A and B started together (clocks within 1 µs): both rulers read one clock", AbPane.offsetText(400));
        assertEquals("B's clock started 12.8 ms after A's: both rulers read A's clock (one x, one instant)",
                AbPane.offsetText(12_800_000));
        assertTrue(AbPane.offsetText(-9_930_000).contains("before A's: both rulers read B's clock"), AbPane.offsetText(-9_930_000));
        assertEquals("B started 9.93 ms before A · rulers: B's clock", AbPane.shortOffsetText(-9_930_000), "the projector's shorter form");
        assertEquals("A and B started together", AbPane.shortOffsetText(-400));
    }
}
