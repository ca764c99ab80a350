package io.qpwscope.recording;

import io.qpwscope.trace.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CsvExporterTest {
    @TempDir Path dir;

    @Test
    void shouldWriteOneRowPerEventInTimeOrderAndOneStatsRowPerCpu() throws Exception {
        Recording rec = SyntheticRecording.generate(4, 10_000, 41);
        CsvExporter.Outputs out = CsvExporter.outputs(dir.resolve("run.csv"), "run.qpwrec");
        CsvExporter.export(rec, out, ProgressListener.NONE);

        List<String> rows = Files.readAllLines(out.events());
        assertEquals(rec.eventCount() + 1, rows.size());
        assertEquals(CsvExporter.EVENTS_HEADER, rows.getFirst());
        long prev = Long.MIN_VALUE;
        for (String r : rows.subList(1, rows.size())) {
            String[] f = r.split(",", -1);
            assertEquals(7, f.length, r);
            long ts = Long.parseLong(f[0]);
            assertTrue(ts >= prev, "time order at " + r);
            prev = ts;
        }
        assertTrue(rows.stream().anyMatch(r -> r.contains(",trigger,,flushbufs,0,0")), "trigger rows name the trigger");
        assertTrue(rows.stream().anyMatch(r -> r.contains(",work-queued,1,lru_add_drain_per_cpu,0,")));

        List<String> stats = Files.readAllLines(out.stats());
        assertEquals(rec.cpus() + 2, stats.size());
        assertTrue(stats.getFirst().startsWith("cpu,isolated,events,interruptions,"));
        assertTrue(stats.get(4).startsWith("3,true," + rec.lane(3).size() + ","), stats.get(4));
        assertTrue(stats.getLast().startsWith("all,," + rec.eventCount() + ","), stats.getLast());
    }

    @Test
    void shouldNameOutputsFromAPrefixOrADirectory() throws Exception {
        assertEquals(new CsvExporter.Outputs(dir.resolve("x-events.csv"), dir.resolve("x-stats.csv")),
                CsvExporter.outputs(dir.resolve("x.csv"), "rec.qpwrec"));
        assertEquals(new CsvExporter.Outputs(dir.resolve("x-events.csv"), dir.resolve("x-stats.csv")),
                CsvExporter.outputs(dir.resolve("x"), "rec.qpwrec"));
        assertEquals(new CsvExporter.Outputs(dir.resolve("rec-events.csv"), dir.resolve("rec-stats.csv")),
                CsvExporter.outputs(dir, "rec.qpwrec.partial"));
    }

    @Test
    void aHostSplitRowNamesTheIntervalItSplitsNotASite() {
        StringBuilder b = new StringBuilder();
        long meta = io.qpwscope.trace.TraceDescriptor.meta(io.qpwscope.trace.EventType.HOST_SPLIT, 1, 0,
                io.qpwscope.trace.EventType.SPIN_WAIT.code, io.qpwscope.trace.TraceDescriptor.hostSplitAux(500));
        CsvExporter.eventRow(b, 7, meta, io.qpwscope.trace.TraceDescriptor.hostSplitPayload(2_000, 0));
        assertEquals("7,1,host-split,0,spin-wait,500," + io.qpwscope.trace.TraceDescriptor.hostSplitPayload(2_000, 0) + "\n",
                b.toString());
    }

    @Test
    void shouldQuoteFieldsWithCommasOrQuotes() {
        StringBuilder b = new StringBuilder();
        CsvExporter.field(b, "a,\"b\"");
        assertEquals("\"a,\"\"b\"\"\"", b.toString());
    }
}
