package io.qpwscope.recording;

import static io.qpwscope.trace.TraceDescriptor.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qpwscope.trace.CpuMetrics;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.trace.decode.Interruptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host time in a recording: samples add up per lane, companions take their share out of the interval before them. */
class RecordingSummaryHostTest {
    private static final int FN = Site.WORK_LRU_DRAIN.code;

    private static void ev(Recording r, long ts, int cpu, EventType type, int peer, int fn, int aux, long payload) {
        r.append(ts, meta(type, cpu, peer, fn, aux), payload);
    }

    private static void companion(Recording r, long ts, int cpu, EventType of, int measured, long steal, long pause) {
        ev(r, ts, cpu, EventType.HOST_SPLIT, measured, of.code, TraceDescriptor.hostSplitAux(pause),
                TraceDescriptor.hostSplitPayload(steal, 0));
    }

    private static void sample(Recording r, long ts, int cpu, long window, long steal, long pause) {
        sample(r, ts, cpu, -1, window, steal, pause);
    }

    private static void sample(Recording r, long ts, int cpu, int measured, long window, long steal, long pause) {
        ev(r, ts, cpu, EventType.HOST_SPLIT, measured, 0, TraceDescriptor.hostSplitAux(pause),
                TraceDescriptor.hostSplitPayload(steal, window));
    }

    private static Recording recording() {
        Recording r = new Recording(SyntheticRecording.meta("host", 2));
        // cpu 1 (isolated in the meta or not, it does not matter here): two interruptions, one split
        sample(r, 100_000, 1, 1_000_000, 40_000, 10_000);
        ev(r, 500_000, 1, EventType.INTERRUPTION, 0, FN, 0, 300_000);
        companion(r, 500_000, 1, EventType.INTERRUPTION, -1, 250_000, 20_000);
        ev(r, 510_000, 1, EventType.NOISE, -1, 0, 0, 320_000);
        companion(r, 510_000, 1, EventType.NOISE, -1, 250_000, 20_000);
        sample(r, 600_000, 1, 500_000, 250_000, 20_000);
        ev(r, 900_000, 1, EventType.INTERRUPTION, 0, FN, 0, 8_000);
        ev(r, 950_000, 1, EventType.NOISE, -1, 0, 0, 70_000);
        // a sample of another CPU's thread on this lane is not this lane's host time
        sample(r, 960_000, 1, 0, 10_000, 5_000, 0);
        // cpu 0: a spin whose holder (cpu 1) lost 900 µs of it, then a shorter spin nobody took anything from
        ev(r, 1_000_000, 0, EventType.SPIN_WAIT, 1, FN, 1, 1_000_000);
        companion(r, 1_000_000, 0, EventType.SPIN_WAIT, 1, 800_000, 100_000);
        ev(r, 1_200_000, 0, EventType.SPIN_WAIT, 1, FN, 1, 150_000);
        return r;
    }

    @Test
    void shouldSumTheLaneOwnSamplesAsStealAndPause() {
        CpuMetrics c1 = RecordingSummary.of(recording()).cpus().get(1);
        assertEquals(40_000 + 250_000, c1.stealNs());
        assertEquals(10_000 + 20_000, c1.pauseNs());
        assertEquals(0, RecordingSummary.of(recording()).cpus().get(0).stealNs());
    }

    @Test
    void shouldTakeEachCompanionShareOutOfTheNoiseAndSpinBeforeIt() {
        RecordingSummary s = RecordingSummary.of(recording());
        CpuMetrics c1 = s.cpus().get(1);
        assertEquals(320_000, c1.noiseMaxNs());
        assertEquals(70_000, c1.noiseMaxKernelNs(), "the 320 µs gap was 50 µs kernel, the 70 µs one all kernel");
        assertEquals(50_000 + 70_000, c1.noiseKernelTotalNs());
        CpuMetrics c0 = s.cpus().get(0);
        assertEquals(1_000_000, c0.spinWaitMaxNs());
        assertEquals(150_000, c0.spinWaitMaxKernelNs(), "the 1 ms spin had 100 µs of kernel, the 150 µs spin all");
        assertEquals(150_000, s.all().spinWaitMaxKernelNs());
        assertEquals(290_000, s.all().stealNs());
    }

    @Test
    void shouldSplitEachInterruptionSoThatItsPartsAddUp() {
        List<Interruptions.Entry> es = Interruptions.of(recording().lane(1), 10);
        assertEquals(2, es.size());
        Interruptions.Entry a = es.get(0), b = es.get(1);
        assertEquals(250_000, a.stealNs());
        assertEquals(20_000, a.pauseNs());
        assertEquals(30_000, a.kernelNs());
        assertEquals(320_000, a.taskGapNs(), "the NOISE after it still accounts for it");
        assertEquals(8_000, b.kernelNs());
        assertEquals(0, b.stealNs() + b.pauseNs());
        for (Interruptions.Entry e : es) assertEquals(e.offCpuNs(), e.kernelNs() + e.stealNs() + e.pauseNs());
    }
}
