package io.qpwscope.recording;

import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.qpwscope.recording.RecordingFileDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A damaged chunk costs only that chunk: a byte flipped anywhere in any chunk (header, body or
 * checksum) loses exactly the events of that chunk, every other chunk loads identical, and
 * the notice names the chunk, its CPU and, where the header survived, its time range.
 */
class RecordingReaderResyncTest {
    /** Header fields (magic, cpu, count, encoding, first ts, last ts, overruns, both lengths). */
    private static final int[] HEADER_BYTES = {0, 4, 8, 12, 16, 24, 32, 40, 43, 44};

    @TempDir Path dir;

    private record Fixture(Recording rec, List<Annotation> annotations, byte[] file, ChunkFrames frames) {
        List<ChunkFrames.Frame> chunks() {
            return frames.frames().stream().filter(f -> f.magic() != CHUNK_FOOTER).toList();
        }

        ChunkFrames.Frame footer() {
            return frames.frames().getLast();
        }

        /** Index in its CPU's lane of the first event of an events chunk. */
        int firstEventIndex(ChunkFrames.Frame chunk) {
            int before = 0;
            for (ChunkFrames.Frame f : frames.frames()) {
                if (f == chunk) return before;
                if (f.magic() == CHUNK_EVENTS && f.cpu() == chunk.cpu()) before += f.count();
            }
            throw new AssertionError("not a frame of this file");
        }
    }

    private Fixture fixture(boolean deflate) throws Exception {
        Recording rec = SyntheticRecording.generate(3, 12_000, 33);
        List<Annotation> annotations = List.of(new Annotation(5_000, 0, "start"), new Annotation(90_000, -1, "all"));
        Path p = dir.resolve("many-chunks.qpwrec");
        RecordingFiles.save(rec, p, annotations, ProgressListener.NONE, new RecordingWriter.Options(400, deflate, 0));
        byte[] file = Files.readAllBytes(p);
        ChunkFrames frames = ChunkFrames.of(file);
        assertEquals(CHUNK_FOOTER, frames.frames().getLast().magic(), "fixture ends in a footer");
        assertTrue(frames.frames().size() > 30, "fixture has many chunks: " + frames.frames().size());
        return new Fixture(rec, annotations, file, frames);
    }

    private LoadedRecording load(byte[] bytes) throws Exception {
        Path p = dir.resolve("damaged.qpwrec");
        Files.write(p, bytes);
        return RecordingReader.load(p);
    }

    @ParameterizedTest(name = "deflate={0}")
    @ValueSource(booleans = {false, true})
    void shouldLoseExactlyTheChunkWithAFlippedByteWhereverItIs(boolean deflate) throws Exception {
        Fixture fx = fixture(deflate);
        List<ChunkFrames.Frame> chunks = fx.chunks();
        for (int k = 0; k < chunks.size(); k++) {
            ChunkFrames.Frame victim = chunks.get(k);
            for (int at : flipPositions(victim)) {
                byte[] b = fx.file().clone();
                b[victim.offset() + at] ^= 0x10;
                String label = "chunk " + k + " byte " + at;
                LoadedRecording loaded = load(b);
                assertLostOnly(fx, victim, loaded, label);
                LoadNotice n = onlyCorruptNotice(loaded, label);
                assertTrue(n.message().startsWith("lost chunk " + k + " of " + chunks.size() + ": " + what(victim)), label + ": " + n);
                if (at >= CHUNK_HEADER_BYTES && victim.magic() == CHUNK_EVENTS) {
                    assertTrue(n.message().contains(timeRange(fx, victim)), label + ": " + n + " names " + timeRange(fx, victim));
                }
                assertFalse(loaded.complete(), label);
            }
        }
    }

    @Test
    void shouldResyncWithoutAFooterByScanningForTheNextGoodChunk() throws Exception {
        Fixture fx = fixture(false);
        byte[] noFooter = Arrays.copyOf(fx.file(), fx.footer().offset());
        List<ChunkFrames.Frame> chunks = fx.chunks();
        for (int k = 0; k < chunks.size(); k += 3) {
            ChunkFrames.Frame victim = chunks.get(k);
            for (int at : new int[] {CHUNK_MAGIC_OFFSET, CHUNK_STORED_LENGTH_OFFSET + 3, CHUNK_STORED_LENGTH_OFFSET,
                    CHUNK_HEADER_BYTES + victim.length() / 3}) {
                byte[] b = noFooter.clone();
                b[victim.offset() + at] ^= 0x10;
                String label = "chunk " + k + " byte " + at;
                LoadedRecording loaded = load(b);
                assertLostOnly(fx, victim, loaded, label);
                LoadNotice n = onlyCorruptNotice(loaded, label);
                assertTrue(n.message().startsWith("lost chunk " + k + " of " + chunks.size() + ": "), label + ": " + n);
                if (at >= CHUNK_HEADER_BYTES && victim.magic() == CHUNK_EVENTS) {
                    assertTrue(n.message().contains("cpu " + victim.cpu() + ", " + timeRange(fx, victim)), label + ": " + n);
                }
                assertTrue(loaded.notices().stream().anyMatch(x -> x.kind() == LoadNotice.Kind.TRUNCATED),
                        label + ": the footer is missing too: " + loaded.notices());
            }
        }
    }

    @Test
    void shouldKeepEveryEventWhenOnlyTheFooterIsDamaged() throws Exception {
        Fixture fx = fixture(false);
        byte[] b = fx.file().clone();
        b[fx.footer().offset() + CHUNK_HEADER_BYTES + 9] ^= 0x10;
        LoadedRecording loaded = load(b);
        RecordingAssertions.assertSameEvents(fx.rec(), loaded.recording());
        assertEquals(fx.annotations(), loaded.annotations());
        LoadNotice n = onlyCorruptNotice(loaded, "footer");
        assertTrue(n.message().startsWith("lost the footer (the chunk index) at byte "), n.message());
        assertFalse(loaded.complete());
    }

    @Test
    void shouldOpenAFileCutInsideAnyChunkUpToItsLastCompleteChunk() throws Exception {
        Fixture fx = fixture(true);
        List<ChunkFrames.Frame> chunks = fx.chunks();
        for (int k = 0; k < chunks.size(); k += 2) {
            ChunkFrames.Frame cut = chunks.get(k);
            LoadedRecording loaded = load(Arrays.copyOf(fx.file(), cut.offset() + cut.length() / 2));
            int[] expected = new int[fx.rec().cpus()];
            for (ChunkFrames.Frame f : chunks.subList(0, k)) if (f.magic() == CHUNK_EVENTS) expected[f.cpu()] += f.count();
            for (int c = 0; c < expected.length; c++) {
                RecordingAssertions.assertLanePrefix(fx.rec().lane(c), loaded.recording().lane(c), expected[c]);
            }
            assertEquals(List.of(LoadNotice.Kind.TRUNCATED), loaded.notices().stream().map(LoadNotice::kind).toList(),
                    "cut in chunk " + k + ": " + loaded.notices());
            assertEquals(cut.offset(), loaded.fileBytes(), "used up to the last complete chunk");
        }
    }

    private static int[] flipPositions(ChunkFrames.Frame victim) {
        int[] at = Arrays.copyOf(HEADER_BYTES, HEADER_BYTES.length + 3);
        at[HEADER_BYTES.length] = CHUNK_HEADER_BYTES;
        at[HEADER_BYTES.length + 1] = CHUNK_HEADER_BYTES + (victim.length() - CHUNK_HEADER_BYTES) / 2;
        at[HEADER_BYTES.length + 2] = victim.length() - 1;
        return at;
    }

    private static String what(ChunkFrames.Frame victim) {
        return victim.magic() == CHUNK_EVENTS ? "cpu " + victim.cpu() + ", " : "annotations";
    }

    private static String timeRange(Fixture fx, ChunkFrames.Frame victim) {
        LaneEvents lane = fx.rec().lane(victim.cpu());
        int from = fx.firstEventIndex(victim);
        return LostChunkNotices.timeRange(lane.ts(from), lane.ts(from + victim.count() - 1));
    }

    private static LoadNotice onlyCorruptNotice(LoadedRecording loaded, String label) {
        List<LoadNotice> corrupt = loaded.notices().stream().filter(n -> n.kind() == LoadNotice.Kind.CORRUPT_CHUNK).toList();
        assertEquals(1, corrupt.size(), label + ": " + loaded.notices());
        assertTrue(loaded.notices().stream().noneMatch(n -> n.kind() == LoadNotice.Kind.FOOTER_MISMATCH),
                label + ": " + loaded.notices());
        return corrupt.getFirst();
    }

    /** Every event and annotation of the fixture is there except those of {@code victim}. */
    private static void assertLostOnly(Fixture fx, ChunkFrames.Frame victim, LoadedRecording loaded, String label) {
        Recording rec = fx.rec();
        for (int c = 0; c < rec.cpus(); c++) {
            LaneEvents want = rec.lane(c);
            LaneEvents got = loaded.recording().lane(c);
            boolean hit = victim.magic() == CHUNK_EVENTS && victim.cpu() == c;
            int from = hit ? fx.firstEventIndex(victim) : want.size();
            int lost = hit ? victim.count() : 0;
            assertEquals(want.size() - lost, got.size(), label + ": events of cpu " + c);
            for (int i = 0, j = 0; i < want.size(); i++) {
                if (i >= from && i < from + lost) continue;
                if (want.ts(i) != got.ts(j) || want.meta(i) != got.meta(j) || want.payload(i) != got.payload(j)) {
                    fail(label + ": cpu " + c + " event " + i + " differs");
                }
                j++;
            }
        }
        List<Annotation> annotations = new ArrayList<>(fx.annotations());
        if (victim.magic() == CHUNK_ANNOTATIONS) annotations.clear();
        assertEquals(annotations, loaded.annotations(), label);
    }
}
