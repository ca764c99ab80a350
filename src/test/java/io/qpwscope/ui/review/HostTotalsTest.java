package io.qpwscope.ui.review;

import static io.qpwscope.trace.TraceDescriptor.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.TraceDescriptor;
import java.util.List;
import io.qpwscope.ui.FxSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compare table's host rows: samples as a share of their windows, interruptions split by their companions. */
class HostTotalsTest {
    @BeforeAll
    static void fx() throws Exception {
        FxSupport.start();
    }

    @Test
    void shouldSplitIsolatedInterruptionsAndFindTheWorstSampledCpu() {
        RecordingMeta m = RecordingMeta.builder().scenario("t", null).machine(2, 1L << 1, 2, false).build();
        Recording rec = new Recording(m);
        rec.append(1_000_000, meta(EventType.INTERRUPTION, 1, 0, 6, 0), 337_000);
        rec.append(1_000_000, meta(EventType.HOST_SPLIT, 1, -1, EventType.INTERRUPTION.code, TraceDescriptor.hostSplitAux(2_000)),
                TraceDescriptor.hostSplitPayload(330_000, 0));
        rec.append(2_000_000, meta(EventType.INTERRUPTION, 1, 0, 6, 0), 20_000);
        rec.append(3_000_000, meta(EventType.HOST_SPLIT, 1, -1, 0, TraceDescriptor.hostSplitAux(0)),
                TraceDescriptor.hostSplitPayload(100_000, 1_000_000));
        rec.append(3_000_000, meta(EventType.HOST_SPLIT, 0, -1, 0, TraceDescriptor.hostSplitAux(100_000)),
                TraceDescriptor.hostSplitPayload(400_000, 1_000_000));
        rec.append(4_000_000, meta(EventType.INTERRUPTION, 0, 1, 6, 0), 900_000);
        HostTotals t = HostTotals.of(rec);
        assertEquals(0, t.worstCpu());
        assertEquals(0.5, t.worstHostShare(), 1e-12);
        assertEquals(357_000, t.isolatedInterruptionNs(), "cpu0 is not isolated: its interruption does not count");
        assertEquals(332_000, t.isolatedInterruptionHostNs());
        assertEquals(20_000, t.isolatedInterruptionKernelMaxNs(), "5 µs kernel of the split one, 20 µs of the unsplit one");
        List<ComparisonTable.Row> rows = ComparisonTable.hostRows(t, t);
        assertEquals(25_000, rows.get(1).a());
        assertEquals(50.0, rows.get(0).b());
    }
}
