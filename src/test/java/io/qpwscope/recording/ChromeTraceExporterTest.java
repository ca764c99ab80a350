package io.qpwscope.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.TraceDescriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.*;

class ChromeTraceExporterTest {
    static Recording rec;
    static JsonNode root;
    static List<JsonNode> events = new ArrayList<>();
    static final List<Annotation> BOOKMARKS = List.of(new Annotation(2_000, 3, "look here"), new Annotation(3_000, -1, "all"));

    @TempDir static Path dir;

    @BeforeAll
    static void export() throws IOException {
        rec = SyntheticRecording.generate(4, 20_000, 31);
        Path out = dir.resolve("trace.json");
        ChromeTraceExporter.export(rec, BOOKMARKS, out, ProgressListener.NONE);
        root = new ObjectMapper().readTree(out.toFile());
        root.get("traceEvents").forEach(events::add);
    }

    private static long count(EventType type, java.util.function.LongPredicate auxFilter) {
        long n = 0;
        for (int c = 0; c < rec.cpus(); c++) {
            LaneEvents l = rec.lane(c);
            for (int i = 0; i < l.size(); i++) {
                if (l.type(i) == type.code && auxFilter.test(TraceDescriptor.aux(l.meta(i)))) n++;
            }
        }
        return n;
    }

    private static long count(EventType type) {
        return count(type, aux -> true);
    }

    private static List<JsonNode> phase(String ph, String cat) {
        return events.stream().filter(e -> e.path("ph").asText().equals(ph)
                && (cat == null || e.path("cat").asText().equals(cat))).toList();
    }

    @Test
    void shouldNameTheProcessAndEveryCpuThreadInOrder() {
        JsonNode process = phase("M", null).stream().filter(e -> e.get("name").asText().equals("process_name")).findFirst().orElseThrow();
        assertEquals("QPW Scope: synthetic", process.get("args").get("name").asText());
        Map<Integer, String> names = new HashMap<>();
        Map<Integer, Integer> sort = new HashMap<>();
        for (JsonNode e : phase("M", null)) {
            if (e.get("name").asText().equals("thread_name")) names.put(e.get("tid").asInt(), e.get("args").get("name").asText());
            if (e.get("name").asText().equals("thread_sort_index")) sort.put(e.get("tid").asInt(), e.get("args").get("sort_index").asInt());
        }
        assertEquals(Map.of(1, "cpu/0 (housekeeping)", 2, "cpu/1 (housekeeping)", 3, "cpu/2 (housekeeping)", 4, "cpu/3 (isolated)",
                1001, "cpu/0 host steal", 1002, "cpu/1 host steal", 1003, "cpu/2 host steal", 1004, "cpu/3 host steal"), names);
        for (int c = 0; c < 4; c++) assertEquals(c, sort.get(c + 1), "cpu " + c + " sorts in CPU order");
    }

    @Test
    void shouldWriteOneCompleteSliceForEveryDurationInTheRecording() {
        assertEquals(count(EventType.LOCK_RELEASE), phase("X", "lock").size());
        assertEquals(count(EventType.SPIN_WAIT), phase("X", "spin").size());
        assertEquals(count(EventType.WORK_END), phase("X", "work").size());
        assertEquals(count(EventType.INTERRUPTION), phase("X", "interruption").size());
        assertEquals(count(EventType.NOISE), phase("X", "noise").size());
        assertEquals(count(EventType.IRQ_ON), phase("X", "irq").size());
        assertEquals(count(EventType.FLUSH_WAIT), phase("X", "flush").size());
        assertEquals(count(EventType.TASK_SWITCH, aux -> (aux >>> 8) == TraceDescriptor.TASK_KWORKER), phase("X", "kworker").size());
        assertEquals(count(EventType.TRIGGER, aux -> aux == 1), phase("X", "trigger").size());
        assertTrue(phase("X", "interruption").size() > 0 && phase("X", "kworker").size() > 0);
        for (JsonNode x : phase("X", null)) {
            assertTrue(x.get("ts").isNumber() && x.get("dur").isNumber(), x.toString());
            assertTrue(x.get("dur").asDouble() >= 0, x.toString());
            assertEquals(1, x.get("pid").asInt());
        }
    }

    @Test
    void shouldGiveLockSlicesTheHeldTimeInMicroseconds() {
        LaneEvents l = rec.lane(0);
        int i = 0;
        while (l.type(i) != EventType.LOCK_RELEASE.code) i++;
        long end = l.ts(i), held = l.payload(i);
        JsonNode x = phase("X", "lock").stream().filter(e -> e.get("tid").asInt() == 1).findFirst().orElseThrow();
        assertEquals((end - held) / 1000.0, x.get("ts").asDouble(), 1e-9);
        assertEquals(held / 1000.0, x.get("dur").asDouble(), 1e-9);
    }

    @Test
    void shouldPairEveryQueuedWorkItemWithItsRunByAFlow() {
        List<JsonNode> starts = phase("s", "work");
        List<JsonNode> ends = phase("f", "work");
        assertEquals(count(EventType.WORK_QUEUED), starts.size());
        Set<Long> s = new HashSet<>();
        for (JsonNode e : starts) assertTrue(s.add(e.get("id").asLong()), "flow id used twice: " + e);
        Set<Long> f = new HashSet<>();
        for (JsonNode e : ends) {
            assertTrue(f.add(e.get("id").asLong()), "flow end twice: " + e);
            assertEquals("e", e.get("bp").asText());
            assertEquals("work", e.get("name").asText());
        }
        assertEquals(s, f);
        Map<Long, Double> startTs = new HashMap<>();
        starts.forEach(e -> startTs.put(e.get("id").asLong(), e.get("ts").asDouble()));
        for (JsonNode e : ends) assertTrue(e.get("ts").asDouble() >= startTs.get(e.get("id").asLong()), "flow goes forward in time");
    }

    @Test
    void shouldMarkModeSwitchesTriggersAndBookmarksAsInstants() {
        List<JsonNode> modes = phase("i", "mode");
        assertEquals(count(EventType.MODE_SWITCH), modes.size());
        assertEquals("qpw=1", modes.getFirst().get("name").asText());
        assertEquals("g", modes.getFirst().get("s").asText());
        assertEquals(count(EventType.TRIGGER, aux -> aux == 0), phase("i", "trigger").size());
        assertEquals("blockdev --flushbufs /dev/sdX", phase("i", "trigger").getFirst().get("name").asText());
        List<JsonNode> marks = phase("i", "bookmark");
        assertEquals(2, marks.size());
        assertEquals("bookmark: look here", marks.get(0).get("name").asText());
        assertEquals(4, marks.get(0).get("tid").asInt());
        assertEquals("g", marks.get(1).get("s").asText());
        assertEquals(rec.eventCount(), root.get("otherData").get("events").asLong());
    }

    @Test
    void shouldFormatNanosecondsAsMicrosecondsExactly() {
        char[] b = new char[32];
        assertEquals("1234.567", new String(b, 0, ChromeTraceExporter.micros(1_234_567, b)));
        assertEquals("0.005", new String(b, 0, ChromeTraceExporter.micros(5, b)));
        assertEquals("0.000", new String(b, 0, ChromeTraceExporter.micros(-3, b)));
    }

    @Test
    void shouldLeaveNoFileWhenCancelled() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("cancel"));
        Path out = sub.resolve("c.json");
        ProgressListener cancel = new ProgressListener() {
            @Override public void progress(long done, long total) { }
            @Override public boolean isCancelled() { return true; }
        };
        assertThrows(CancellationException.class, () -> ChromeTraceExporter.export(rec, List.of(), out, cancel));
        try (var files = Files.list(sub)) {
            assertEquals(List.of(), files.toList());
        }
    }
}
