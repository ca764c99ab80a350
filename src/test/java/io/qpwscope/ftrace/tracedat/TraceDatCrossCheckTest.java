package io.qpwscope.ftrace.tracedat;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The reader sees the same events as {@code trace-cmd report}: counts per event name, first and last timestamp. */
class TraceDatCrossCheckTest {
    private static final Pattern REPORT_LINE = Pattern.compile("\\[\\d+] +(\\d+)\\.(\\d{9}): +(\\w+):");
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"v6.dat", "v7-zstd.dat", "v7-none.dat.gz", "v7-zlib.dat"})
    void shouldCountTheEventsTraceCmdReportPrinted(String name) throws Exception {
        TraceDatFile f = TraceDatReader.read(ByteBuffer.wrap(TraceDatFixtures.bytes(name)), name);
        assertEquals(name.startsWith("v6") ? 6 : 7, f.version());
        assertEquals(name.contains("zstd") ? "zstd" : name.contains("zlib") ? "zlib" : "none", f.compression());
        assertEquals("qpwdat", f.buffer(null).name(), "the top buffer is empty; the instance holds the data");
        assertEquals(2, f.buffer(null).cpus().size());
        assertEquals(TraceDatFixtures.expected(name), TraceDatFixtures.summary(f));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v6.dat", "v7-zstd.dat", "v7-none.dat.gz", "v7-zlib.dat"})
    void shouldAgreeWithTraceCmdReportRunLiveWhereItIsInstalled(String name) throws Exception {
        Path file = TraceDatFixtures.file(name, dir);
        Map<String, Long> live = report(file);
        assertEquals(live, TraceDatFixtures.summary(TraceDatReader.open(file)));
        assertEquals(TraceDatFixtures.expected(name), live, "the committed expectation is what trace-cmd says");
    }

    private static Map<String, Long> report(Path file) throws Exception {
        String out = TraceDatFixtures.report(file);
        Map<String, Long> m = new TreeMap<>();
        long first = -1, last = -1;
        for (String line : out.split("\n")) {
            Matcher x = REPORT_LINE.matcher(line);
            if (!x.find()) continue;
            long ts = Long.parseLong(x.group(1)) * 1_000_000_000L + Long.parseLong(x.group(2));
            if (first < 0) first = ts;
            last = ts;
            m.merge("count " + x.group(3), 1L, Long::sum);
        }
        m.put("first", first);
        m.put("last", last);
        return m;
    }
}
