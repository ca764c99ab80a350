package io.qpwscope.ui.timeline;

import static io.qpwscope.trace.TraceDescriptor.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qpwscope.recording.ChromeTraceExporter;
import io.qpwscope.recording.MetricColumn;
import io.qpwscope.recording.CsvExporter;
import io.qpwscope.recording.ProgressListener;
import io.qpwscope.recording.RecordingSummary;
import io.qpwscope.recording.SyntheticRecording;
import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import io.qpwscope.ui.timeline.index.SpanKind;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import io.qpwscope.ui.timeline.index.SpanTable;
import io.qpwscope.ui.timeline.index.LaneIndex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline index and the Chrome and CSV exports show the same spans for the same recording. */
class TimelineAndExportsAgreeTest {
    private static final int FN = Site.WORK_LRU_DRAIN.code;

    /** One span as both sides can state it: lane, Chrome category, start and end in ns. */
    record Row(int cpu, String cat, long start, long end) {}

    @Test
    void shouldShowTheSameSpansInTheTimelineAndTheChromeExportOfAnEngineShapedRecording() throws IOException {
        Recording rec = SyntheticRecording.generate(4, 30_000, 5);
        List<Row> timeline = assertAgree(rec);
        for (String cat : List.of("lock", "spin", "work", "kworker", "interruption", "noise", "flush", "trigger", "mode")) {
            assertTrue(timeline.stream().anyMatch(r -> r.cat().equals(cat)), "the recording has " + cat + " spans");
        }
    }

    @Test
    void shouldShowNestedWorkAndARunCutByTheEndOfTheRecordingAlikeEverywhere() throws IOException {
        Recording rec = new Recording(SyntheticRecording.meta("nested", 2));
        rec.append(10, meta(EventType.WORK_QUEUED, 0, 1, FN, 0), 1);
        rec.append(12, meta(EventType.WORK_QUEUED, 0, 1, FN, 0), 2);
        rec.append(20, meta(EventType.TASK_SWITCH, 1, -1, 0, TraceDescriptor.TASK_USER << 8 | TraceDescriptor.TASK_KWORKER), 0);
        rec.append(30, meta(EventType.WORK_START, 1, 1, FN, 0), 1);
        rec.append(40, meta(EventType.WORK_START, 1, 1, FN, 0), 2);
        rec.append(50, meta(EventType.WORK_END, 1, 1, FN, 0), 2);
        rec.append(60, meta(EventType.WORK_END, 1, 1, FN, 0), 1);
        rec.append(70, meta(EventType.WORK_END, 1, 1, FN, 0), 9);
        rec.append(80, meta(EventType.WORK_START, 1, 1, FN, 0), 3);
        rec.append(95, meta(EventType.NOISE, 1, -1, 0, 0), 5);
        List<Row> timeline = assertAgree(rec);
        List<Row> work = timeline.stream().filter(r -> r.cat().equals("work")).toList();
        assertEquals(List.of(new Row(1, "work", 40, 50), new Row(1, "work", 30, 60), new Row(1, "work", 70, 70)), work,
                "the inner run nests inside the outer one; the end without a start is zero-length");
        JsonNode chrome = chrome(rec);
        List<Row> truncated = new ArrayList<>();
        for (JsonNode e : chrome.get("traceEvents")) {
            if (e.path("args").path("truncated").asBoolean()) truncated.add(row(e));
        }
        TimelineIndex index = indexed(rec);
        LaneIndex lane = index.lane(1);
        assertEquals(List.of(new Row(1, "kworker", lane.taskSince(), 95), new Row(1, "work", lane.openWorkStart(), 95)), truncated,
                "what the export closes at the end is what the timeline shows as still running");
    }

    private static List<Row> assertAgree(Recording rec) throws IOException {
        TimelineIndex index = indexed(rec);
        List<Row> timeline = new ArrayList<>();
        for (int c = 0; c < index.cpus(); c++) {
            SpanTable st = index.lane(c).spans();
            for (int i = 0; i < st.size(); i++) {
                String cat = category(st.kind(i));
                if (cat != null) timeline.add(new Row(c, cat, Math.max(0, st.start(i)), Math.max(0, st.end(i))));
            }
        }
        List<Row> exported = new ArrayList<>();
        for (JsonNode e : chrome(rec).get("traceEvents")) {
            if (!e.path("ph").asText().equals("X") || e.path("args").path("truncated").asBoolean()) continue;
            String cat = e.get("cat").asText();
            if (cat.equals("queue") || cat.equals("irq")) continue;
            // host shares are splits of the spans above, not spans of their own in the timeline
            // (HostSplitTimelineTest checks the index holds each split for the right span)
            if (cat.equals("host steal")) continue;
            if (cat.equals("lock") && !e.get("name").asText().startsWith("remote")) continue;
            exported.add(row(e));
        }
        assertTrue(!timeline.isEmpty(), "the recording has spans");
        assertEquals(sorted(timeline), sorted(exported));

        StringWriter csv = new StringWriter();
        CsvExporter.writeStats(RecordingSummary.of(rec), csv);
        String[] lines = csv.toString().split("\n");
        List<String> header = Arrays.asList(lines[0].split(","));
        for (int c = 0; c < rec.cpus(); c++) {
            String[] cols = lines[c + 1].split(",");
            int cpu = c;
            assertEquals(count(timeline, cpu, "interruption"), Long.parseLong(cols[header.indexOf("interruptions")]), "cpu " + c);
            assertEquals(count(timeline, cpu, "noise"), Long.parseLong(cols[header.indexOf("noise_count")]), "cpu " + c);
            assertEquals(count(timeline, cpu, "spin"), Long.parseLong(cols[header.indexOf("spin_waits")]), "cpu " + c);
            assertEquals(count(timeline, cpu, "flush"), Long.parseLong(cols[header.indexOf("flush_waits")]), "cpu " + c);
        }
        assertTrue(MetricColumn.RECORDING.stream().anyMatch(m -> m.csvName().equals("interruptions")));
        return timeline;
    }

    private static long count(List<Row> rows, int cpu, String cat) {
        return rows.stream().filter(r -> r.cpu() == cpu && r.cat().equals(cat)).count();
    }

    private static TimelineIndex indexed(Recording rec) {
        TimelineIndex index = new TimelineIndex(new RecordingTimelineSource(rec));
        while (index.catchUp(1 << 16) > 0) { }
        return index;
    }

    private static JsonNode chrome(Recording rec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTraceExporter.write(rec, List.of(), out, ProgressListener.NONE);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    private static Row row(JsonNode e) {
        long start = ns(e.get("ts"));
        return new Row(e.get("tid").asInt() - 1, e.get("cat").asText(), start, start + ns(e.get("dur")));
    }

    private static long ns(JsonNode micros) {
        return new BigDecimal(micros.asText()).movePointRight(3).longValueExact();
    }

    /** The Chrome category of a timeline span kind, or null for kinds the export does not slice alike. */
    private static String category(SpanKind k) {
        return switch (k) {
            case REMOTE_HOLDING -> "lock";
            case SPIN -> "spin";
            case WORK_INLINE, WORK_KWORKER -> "work";
            case TASK_KWORKER -> "kworker";
            case INTERRUPTION -> "interruption";
            case NOISE -> "noise";
            case FLUSH_WAIT -> "flush";
            case TRIGGER -> "trigger";
            case MODE_SWITCH -> "mode";
            case LOCK_BLOCK -> "lock-block";
            default -> null;
        };
    }

    private static List<Row> sorted(List<Row> rows) {
        List<Row> s = new ArrayList<>(rows);
        Collections.sort(s, (a, b) -> a.cpu() != b.cpu() ? Integer.compare(a.cpu(), b.cpu())
                : a.start() != b.start() ? Long.compare(a.start(), b.start())
                : a.end() != b.end() ? Long.compare(a.end(), b.end()) : a.cat().compareTo(b.cat()));
        return s;
    }
}
