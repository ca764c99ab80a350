package io.qpwscope.recording;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.qpwscope.recording.RecordingAssertions.assertSameEvents;
import static org.junit.jupiter.api.Assertions.*;

class RecordingRoundTripTest {
    @TempDir Path dir;

    private static final List<Annotation> BOOKMARKS = List.of(
            new Annotation(12_345, 3, "first interruption on the isolated CPU"),
            new Annotation(99_000, Annotation.ALL_CPUS, "qpw flipped: ünïcödé ✓"),
            new Annotation(0, 0, ""));

    @Test
    void shouldLoadEveryEventMetaOverrunAndAnnotationThatWasSaved() throws Exception {
        Recording rec = SyntheticRecording.generate(4, 50_000, 1);
        Path file = dir.resolve("a.qpwrec");
        RecordingFiles.save(rec, file, BOOKMARKS, ProgressListener.NONE, new RecordingWriter.Options(1_000, false, 0));

        LoadedRecording loaded = RecordingReader.load(file);

        assertSameEvents(rec, loaded.recording());
        assertEquals(BOOKMARKS, loaded.annotations());
        assertEquals(3, loaded.recording().overruns());
        assertEquals(List.of(), loaded.notices());
        assertTrue(loaded.complete(), () -> loaded.notices().toString());
        assertEquals(Files.size(file), loaded.fileBytes());
    }

    @Test
    void shouldContainEveryEventTypeInTheGeneratedRecording() {
        Recording rec = SyntheticRecording.generate(4, 50_000, 1);
        Set<EventType> seen = EnumSet.noneOf(EventType.class);
        for (int c = 0; c < rec.cpus(); c++) {
            for (int i = 0; i < rec.lane(c).size(); i++) seen.add(EventType.ofCode(rec.lane(c).type(i)));
        }
        Set<EventType> all = EnumSet.allOf(EventType.class);
        all.remove(EventType.NONE);
        assertEquals(all, seen);
    }

    @Test
    void shouldRoundTripDeflatedChunks() throws Exception {
        Recording rec = SyntheticRecording.generate(4, 30_000, 2);
        Path file = dir.resolve("d.qpwrec");
        RecordingFiles.save(rec, file, BOOKMARKS, ProgressListener.NONE, new RecordingWriter.Options(4_096, true, 0));
        Path raw = dir.resolve("r.qpwrec");
        RecordingFiles.save(rec, raw, BOOKMARKS);

        LoadedRecording loaded = RecordingReader.load(file);

        assertSameEvents(rec, loaded.recording());
        assertTrue(loaded.complete(), () -> loaded.notices().toString());
        assertTrue(Files.size(file) < Files.size(raw), "deflate should shrink " + Files.size(raw) + " bytes");
    }

    @Test
    void shouldStoreAbsoluteTimestampsWhenGapsDoNotFitAnInt() throws Exception {
        Recording rec = SyntheticRecording.generateWithGaps(2, 20_000, 3, 5_000_000_000L);
        assertTrue(rec.endTs() > 3 * (long) Integer.MAX_VALUE);
        Path file = dir.resolve("g.qpwrec");
        RecordingFiles.save(rec, file, List.of());

        LoadedRecording loaded = RecordingReader.load(file);

        assertSameEvents(rec, loaded.recording());
        assertTrue(loaded.complete(), () -> loaded.notices().toString());
    }

    @Test
    void shouldRoundTripARecordingWithoutEvents() throws Exception {
        Recording rec = new Recording(SyntheticRecording.meta("empty", 2));
        Path file = dir.resolve("e.qpwrec");
        RecordingFiles.save(rec, file, List.of());

        LoadedRecording loaded = RecordingReader.load(file);

        assertEquals(0, loaded.events());
        assertEquals(rec.meta(), loaded.recording().meta());
        assertTrue(loaded.complete(), () -> loaded.notices().toString());
        assertEquals(List.of(), loaded.notices());
    }

    @Test
    void shouldKeepEventsOfUnknownTypesAndSaySo() throws Exception {
        Recording rec = SyntheticRecording.generate(2, 1_000, 5);
        long last = rec.lane(1).lastTs();
        rec.append(last + 1, io.qpwscope.trace.TraceDescriptor.meta(200, 1, -1, 0, 0), 42);
        rec.append(last + 2, io.qpwscope.trace.TraceDescriptor.meta(201, 1, -1, 0, 0), 43);
        Path file = dir.resolve("u.qpwrec");
        RecordingFiles.save(rec, file, List.of());

        LoadedRecording loaded = RecordingReader.load(file);

        assertSameEvents(rec, loaded.recording());
        assertTrue(loaded.complete());
        assertEquals(List.of(new LoadNotice(LoadNotice.Kind.UNKNOWN_EVENT_TYPES,
                "2 events have types this build does not know (written by a newer QPW Scope?); they are kept but not drawn")),
                loaded.notices());
    }

    @Test
    void shouldReportProgressUpToTheTotal() throws Exception {
        Recording rec = SyntheticRecording.generate(2, 10_000, 4);
        Path file = dir.resolve("p.qpwrec");
        long[] last = {-1, -1};
        RecordingFiles.save(rec, file, List.of(), (done, total) -> {
            assertTrue(done >= last[0], "progress goes forward");
            last[0] = done;
            last[1] = total;
        }, new RecordingWriter.Options(1_000, false, 0));
        assertEquals(rec.eventCount(), last[0]);
        assertEquals(rec.eventCount(), last[1]);
    }
}
