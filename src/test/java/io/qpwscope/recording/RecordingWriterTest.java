package io.qpwscope.recording;

import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.qpwscope.recording.RecordingAssertions.assertLanePrefix;
import static io.qpwscope.recording.RecordingAssertions.assertSameEvents;
import static io.qpwscope.recording.RecordingFileDescriptor.CHUNK_EVENTS;
import static io.qpwscope.recording.RecordingFileDescriptor.CHUNK_FOOTER;
import static org.junit.jupiter.api.Assertions.*;

@Timeout(60)
class RecordingWriterTest {
    @TempDir Path dir;

    private static final RecordingWriter.Options SMALL_CHUNKS = new RecordingWriter.Options(500, false, Long.MAX_VALUE);

    /** Feeds a finished recording to the writer the way the collector does: interleaved drain batches per CPU. */
    private static void stream(Recording rec, RecordingWriter w, int batch) {
        int[] pos = new int[rec.cpus()];
        boolean more = true;
        while (more) {
            more = false;
            for (int c = 0; c < rec.cpus(); c++) {
                LaneEvents lane = rec.lane(c);
                int to = Math.min(lane.size(), pos[c] + batch + c * 7);
                if (to > pos[c]) {
                    w.onEvents(c, lane, pos[c], to);
                    pos[c] = to;
                    more = true;
                }
            }
        }
    }

    @Test
    void shouldMoveTheStreamedFileIntoPlaceOnlyAtClose() throws Exception {
        Recording rec = SyntheticRecording.generate(4, 20_000, 7);
        Path out = dir.resolve("live.qpwrec");
        RecordingWriter w = RecordingWriter.open(out, rec.meta(), SMALL_CHUNKS);
        stream(rec, w, 333);
        w.addAnnotation(new Annotation(5_000, 1, "bookmark"));
        w.setOverruns(3);
        assertFalse(Files.exists(out), "final file must not exist before close");
        assertTrue(Files.exists(RecordingFiles.partialPath(out)));

        w.close();

        assertTrue(Files.exists(out));
        assertFalse(Files.exists(RecordingFiles.partialPath(out)));
        assertNull(w.failure());
        LoadedRecording loaded = RecordingReader.load(out);
        assertSameEvents(rec, loaded.recording());
        assertEquals(List.of(new Annotation(5_000, 1, "bookmark")), loaded.annotations());
        assertEquals(3, loaded.recording().overruns());
        assertTrue(loaded.complete(), () -> loaded.notices().toString());
    }

    @Test
    void shouldWriteFullChunksWhileStreamingAndTheRestAtFlush() throws Exception {
        Recording rec = SyntheticRecording.generate(2, 5_000, 8);
        Path out = dir.resolve("f.qpwrec");
        try (RecordingWriter w = RecordingWriter.open(out, rec.meta(), SMALL_CHUNKS)) {
            stream(rec, w, 100);
            long full = 0;
            for (int c = 0; c < rec.cpus(); c++) full += rec.lane(c).size() / 500 * 500;
            assertEquals(full, w.eventsWritten(), "only whole chunks before flush");
            w.flush();
            assertEquals(rec.eventCount(), w.eventsWritten());
        }
    }

    @Test
    void shouldLeaveAnOpenablePartialFileWhenNeverClosed() throws Exception {
        Recording rec = SyntheticRecording.generate(4, 10_000, 9);
        Path out = dir.resolve("killed.qpwrec");
        RecordingWriter w = RecordingWriter.open(out, rec.meta(), SMALL_CHUNKS);
        stream(rec, w, 250);
        w.flush();

        LoadedRecording loaded = RecordingReader.load(w.partialPath());

        assertSameEvents(rec, loaded.recording());
        assertFalse(loaded.complete());
        assertEquals(1, loaded.notices().size());
        assertEquals(LoadNotice.Kind.TRUNCATED, loaded.notices().getFirst().kind());
        assertTrue(loaded.notices().getFirst().message().startsWith("recording ends early: footer missing after "
                + RecordingReader.group(rec.eventCount()) + " events at "), loaded.notices().getFirst().message());
        w.abort();
        assertFalse(Files.exists(w.partialPath()));
    }

    @Test
    void shouldRecoverAPartialFileIntoTheFinalName() throws Exception {
        Recording rec = SyntheticRecording.generate(2, 3_000, 10);
        Path out = dir.resolve("r.qpwrec");
        RecordingWriter w = RecordingWriter.open(out, rec.meta(), SMALL_CHUNKS);
        stream(rec, w, 100);
        w.flush();
        Path partial = w.partialPath();

        LoadedRecording recovered = RecordingFiles.recover(partial, ProgressListener.NONE);

        assertEquals(LoadNotice.Kind.TRUNCATED, recovered.notices().getFirst().kind());
        assertFalse(Files.exists(partial));
        LoadedRecording reloaded = RecordingReader.load(out);
        assertTrue(reloaded.complete());
        assertSameEvents(rec, reloaded.recording());
    }

    @Test
    void shouldRefuseToClobberAPartialFileLeftByAKilledRecording() throws Exception {
        Recording rec = SyntheticRecording.generate(2, 100, 11);
        Path out = dir.resolve("twice.qpwrec");
        RecordingWriter first = RecordingWriter.open(out, rec.meta());

        IOException e = assertThrows(IOException.class, () -> RecordingWriter.open(out, rec.meta()));

        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        first.abort();
    }

    @Test
    void shouldReplaceAnOlderFileAtClose() throws Exception {
        Path out = dir.resolve("old.qpwrec");
        Files.writeString(out, "older content");
        Recording rec = SyntheticRecording.generate(2, 1_000, 12);
        try (RecordingWriter w = RecordingWriter.open(out, rec.meta())) {
            stream(rec, w, 64);
            assertEquals("older content", Files.readString(out), "old file intact until close");
        }
        assertSameEvents(rec, RecordingReader.load(out).recording());
    }

    @Test
    void shouldTakeOverrunsFromCollectorRoundsAndFlushEverythingAtHalt() throws Exception {
        Recording rec = SyntheticRecording.generate(2, 3_000, 17);
        Path out = dir.resolve("halt.qpwrec");
        RecordingWriter w = RecordingWriter.open(out, rec.meta(), SMALL_CHUNKS);
        stream(rec, w, 90);
        w.onRoundEnd(5);
        w.onHalt(9);

        assertEquals(rec.eventCount(), w.eventsWritten(), "halt flushes what is pending");
        LoadedRecording partial = RecordingReader.load(w.partialPath());
        assertEquals(9, partial.recording().overruns(), "a killed run still knows its overruns");
        w.close();
        assertEquals(9, RecordingReader.load(out).recording().overruns());
    }

    @Test
    void shouldRejectARangeThatSkipsEvents() throws Exception {
        Recording rec = SyntheticRecording.generate(2, 1_000, 13);
        try (RecordingWriter w = RecordingWriter.open(dir.resolve("gap.qpwrec"), rec.meta())) {
            w.append(rec.lane(0), 0, 10);
            assertThrows(IllegalArgumentException.class, () -> w.append(rec.lane(0), 11, 20));
            w.append(rec.lane(0), 10, 20);
        }
    }

    /** The file a killed writer leaves, at every chunk boundary and halfway through every chunk. */
    @Test
    void shouldOpenATruncatedFileUpToItsLastCompleteChunkAtEveryCut() throws Exception {
        Recording rec = SyntheticRecording.generate(3, 12_000, 14);
        Path out = dir.resolve("cut.qpwrec");
        try (RecordingWriter w = RecordingWriter.open(out, rec.meta(), SMALL_CHUNKS)) {
            stream(rec, w, 180);
            w.addAnnotation(new Annotation(1, 0, "x"));
        }
        byte[] bytes = Files.readAllBytes(out);
        ChunkFrames frames = ChunkFrames.of(bytes);
        assertTrue(frames.frames().size() > 20, "enough chunks to cut: " + frames.frames().size());
        Path cut = dir.resolve("cut-copy.qpwrec");
        int[] expected = new int[rec.cpus()];
        for (ChunkFrames.Frame f : frames.frames()) {
            checkCut(rec, bytes, f.offset(), expected, cut, 0);
            checkCut(rec, bytes, f.offset() + f.length() / 2, expected, cut, f.length() / 2);
            checkCut(rec, bytes, f.end() - 1, expected, cut, f.length() - 1);
            if (f.magic() == CHUNK_EVENTS) expected[f.cpu()] += f.count();
        }
        ChunkFrames.Frame footer = frames.frames().getLast();
        assertEquals(CHUNK_FOOTER, footer.magic());
        for (int cutTrailer : new int[] {footer.end(), footer.end() + 9}) {
            Files.write(cut, Arrays.copyOf(bytes, cutTrailer));
            LoadedRecording loaded = RecordingReader.load(cut);
            assertSameEvents(rec, loaded.recording());
            assertFalse(loaded.complete());
            assertTrue(loaded.notices().getFirst().message().startsWith("recording ends early: end marker after the footer is"),
                    loaded.notices().toString());
        }
    }

    private static void checkCut(Recording rec, byte[] bytes, int length, int[] expected, Path cut, int incomplete)
            throws IOException {
        Files.write(cut, Arrays.copyOf(bytes, length));
        LoadedRecording loaded = RecordingReader.load(cut);
        for (int c = 0; c < rec.cpus(); c++) assertLanePrefix(rec.lane(c), loaded.recording().lane(c), expected[c]);
        assertFalse(loaded.complete());
        assertEquals(1, loaded.notices().size(), "cut at " + length);
        LoadNotice n = loaded.notices().getFirst();
        assertEquals(LoadNotice.Kind.TRUNCATED, n.kind(), n.message());
        String events = RecordingReader.group(Arrays.stream(expected).sum()) + " events at ";
        if (incomplete == 0) {
            assertTrue(n.message().startsWith("recording ends early: footer missing after " + events), n.message());
        } else {
            assertTrue(n.message().startsWith("recording ends early: 1 incomplete chunk (" + RecordingReader.group(incomplete)
                    + " bytes) after " + events), n.message());
            assertTrue(n.message().endsWith("; footer missing (process killed?)"), n.message());
        }
    }

    @Test
    void shouldKeepThePartialFileAndReportWhenWritingFails() throws Exception {
        Recording rec = SyntheticRecording.generate(2, 2_000, 15);
        Path out = dir.resolve("fail.qpwrec");
        RecordingWriter w = RecordingWriter.open(out, rec.meta(), SMALL_CHUNKS);
        w.onEvents(0, rec.lane(0), 0, 600);
        Recording other = SyntheticRecording.generate(2, 2_000, 16);
        w.onEvents(0, other.lane(0), 600, 700); // a different lane for cpu 0: a collector bug

        assertNotNull(w.failure());
        IOException e = assertThrows(IOException.class, w::close);
        assertTrue(e.getMessage().contains("stopped"), e.getMessage());
        assertFalse(Files.exists(out));
        LoadedRecording loaded = RecordingReader.load(w.partialPath());
        assertEquals(500, loaded.events(), "the chunk written before the failure is there");
        Files.delete(w.partialPath());
    }
}
