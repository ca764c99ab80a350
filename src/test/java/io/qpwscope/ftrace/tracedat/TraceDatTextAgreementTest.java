package io.qpwscope.ftrace.tracedat;

import io.qpwscope.ftrace.FtraceParser;
import io.qpwscope.ftrace.FtraceTrace;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.TraceDescriptor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One mapping: a trace.dat imported directly and the same file as {@code trace-cmd report} prints it,
 * imported as text, give the same records (work, switches, flush waits from wakeups, irq/softirq noise).
 */
class TraceDatTextAgreementTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"v6.dat", "v7-zstd.dat", "v7-none.dat.gz", "v7-zlib.dat"})
    void shouldMakeTheRecordsTheTextOfTraceCmdReportMakes(String name) throws Exception {
        Path file = TraceDatFixtures.file(name, dir);
        String report = TraceDatFixtures.report(file);
        FtraceTrace text = FtraceParser.parse(new BufferedReader(new StringReader(report)), name + " report");
        FtraceTrace dat = TraceDatImport.read(file, null);
        assertTrue(count(dat, EventType.NOISE) > 0, "softirqs interrupted tasks");
        assertEquals(count(text, EventType.NOISE), count(dat, EventType.NOISE));
        assertEquals(count(text, EventType.FLUSH_WAIT), count(dat, EventType.FLUSH_WAIT));
        assertEquals(text.count(), dat.count(), "records");
        for (int i = 0; i < dat.count(); i++) {
            long ts = dat.rows()[3 * i], meta = dat.rows()[3 * i + 1], payload = dat.rows()[3 * i + 2];
            String at = "record " + i + " (" + EventType.ofCode(TraceDescriptor.type(meta)) + " at " + ts + ")";
            assertEquals(text.rows()[3 * i], ts, at);
            assertEquals(text.rows()[3 * i + 1], meta, at);
            assertEquals(text.rows()[3 * i + 2], payload, at);
        }
        assertEquals(text.flushWaits(), dat.flushWaits());
    }

    static int count(FtraceTrace t, EventType type) {
        int n = 0;
        for (int i = 0; i < t.count(); i++) if (TraceDescriptor.type(t.rows()[3 * i + 1]) == type.code) n++;
        return n;
    }

}
