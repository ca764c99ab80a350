package io.qpwscope.recording;

import io.qpwscope.trace.Recording;
import io.qpwscope.trace.TraceDescriptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.zip.CRC32C;

import static io.qpwscope.recording.RecordingAssertions.assertLanePrefix;
import static io.qpwscope.recording.RecordingFileDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

class RecordingReaderErrorsTest {
    @TempDir Path dir;
    private Recording rec;
    private byte[] good;

    @BeforeEach
    void saveOne() throws Exception {
        rec = SyntheticRecording.generate(2, 6_000, 21);
        Path p = dir.resolve("good.qpwrec");
        RecordingFiles.save(rec, p, List.of(new Annotation(3, 1, "note")), ProgressListener.NONE,
                new RecordingWriter.Options(500, false, 0));
        good = Files.readAllBytes(p);
    }

    private String failure(byte[] bytes) throws Exception {
        Path p = dir.resolve("bad.qpwrec");
        Files.write(p, bytes);
        return assertThrows(RecordingFormatException.class, () -> RecordingReader.load(p)).getMessage();
    }

    private LoadedRecording load(byte[] bytes) throws Exception {
        Path p = dir.resolve("damaged.qpwrec");
        Files.write(p, bytes);
        return RecordingReader.load(p);
    }

    @Test
    void shouldSayBadMagicForATextFile() throws Exception {
        assertEquals("not a QPW Scope recording (bad magic)", failure("{\"name\": \"a scenario\"}\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldSayBadMagicForRandomBytes() throws Exception {
        byte[] noise = new byte[4096];
        new SplittableRandom(5).nextBytes(noise);
        assertEquals("not a QPW Scope recording (bad magic)", failure(noise));
    }

    @Test
    void shouldSayEmptyFile() throws Exception {
        assertEquals("empty file (0 bytes): not a QPW Scope recording", failure(new byte[0]));
    }

    @Test
    void shouldSayTruncatedHeader() throws Exception {
        assertEquals("truncated header (4 bytes)", failure(Arrays.copyOf(good, 4)));
        assertEquals("truncated header (10 bytes)", failure(Arrays.copyOf(good, 10)));
        assertTrue(failure(Arrays.copyOf(good, 40)).startsWith("truncated header (40 of "));
    }

    @Test
    void shouldNameAnUnsupportedVersion() throws Exception {
        byte[] b = good.clone();
        ByteBuffer.wrap(b).order(BYTE_ORDER).putInt(VERSION_OFFSET, 7);
        assertEquals("unsupported format version 7 (this build reads 1)", failure(b));
    }

    @Test
    void shouldFailOnAHeaderChecksumMismatch() throws Exception {
        byte[] b = good.clone();
        b[META_OFFSET + 3] ^= 0x20;
        assertEquals("corrupt header: checksum mismatch", failure(b));
    }

    @Test
    void shouldFailOnAbsurdMetadataLength() throws Exception {
        byte[] b = good.clone();
        ByteBuffer.wrap(b).order(BYTE_ORDER).putInt(META_LENGTH_OFFSET, -5);
        assertEquals("corrupt header: metadata length 4294967291 out of range 0.." + MAX_META_BYTES, failure(b));
    }

    @Test
    void shouldFailOnMetadataThatIsNotJsonEvenWithAValidChecksum() throws Exception {
        assertTrue(failure(headerWith("not json")).startsWith("corrupt header: metadata is not valid JSON: "));
        assertEquals("corrupt header: cpus 0 out of range 1.." + TraceDescriptor.MAX_CPUS, failure(headerWith("{}")));
    }

    private static byte[] headerWith(String json) {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(HEADER_FIXED_BYTES + j.length + CRC_BYTES).order(BYTE_ORDER);
        b.put(MAGIC).putShort((short) 0).putInt(FORMAT_VERSION).putInt(j.length).put(j);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, HEADER_FIXED_BYTES + j.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    @Test
    void shouldSkipACorruptChunkInTheMiddleAndKeepEverythingElse() throws Exception {
        ChunkFrames frames = ChunkFrames.of(good);
        ChunkFrames.Frame victim = frames.frames().get(5);
        byte[] b = good.clone();
        b[victim.offset() + CHUNK_HEADER_BYTES + 17] ^= 1;

        LoadedRecording loaded = load(b);

        int before = 0;
        for (ChunkFrames.Frame f : frames.frames().subList(0, 5)) if (f.cpu() == victim.cpu()) before += f.count();
        for (int c = 0; c < rec.cpus(); c++) {
            int lost = c == victim.cpu() ? victim.count() : 0;
            assertEquals(rec.lane(c).size() - lost, loaded.recording().lane(c).size(), "cpu " + c);
        }
        for (int c = 0; c < rec.cpus(); c++) {
            if (c != victim.cpu()) assertLanePrefix(rec.lane(c), loaded.recording().lane(c), rec.lane(c).size());
        }
        var want = rec.lane(victim.cpu());
        var got = loaded.recording().lane(victim.cpu());
        for (int i = 0; i < want.size(); i++) {
            if (i >= before && i < before + victim.count()) continue;
            int j = i < before ? i : i - victim.count();
            assertEquals(want.ts(i), got.ts(j), "ts of event " + i);
            assertEquals(want.meta(i), got.meta(j), "meta of event " + i);
            assertEquals(want.payload(i), got.payload(j), "payload of event " + i);
        }
        assertEquals(List.of(new Annotation(3, 1, "note")), loaded.annotations());
        assertFalse(loaded.complete());
        LoadNotice n = loaded.notices().getFirst();
        assertEquals(LoadNotice.Kind.CORRUPT_CHUNK, n.kind());
        assertTrue(n.message().startsWith("lost chunk 5 of " + (frames.frames().size() - 1) + ": cpu " + victim.cpu() + ", "),
                n.message());
        assertTrue(n.message().endsWith(", " + RecordingReader.group(victim.count()) + " events (checksum mismatch at byte "
                + RecordingReader.group(victim.offset()) + ")"), n.message());
        assertEquals(1, loaded.notices().size(), loaded.notices().toString());
    }

    @Test
    void shouldReportAChunkWithAnUnknownMagic() throws Exception {
        ChunkFrames.Frame victim = ChunkFrames.of(good).frames().get(2);
        byte[] b = good.clone();
        b[victim.offset()] = 'X';
        LoadNotice n = load(b).notices().getFirst();
        assertTrue(n.message().startsWith("lost chunk 2 of "), n.message());
        assertTrue(n.message().endsWith("(bad chunk magic 0x" + Integer.toHexString(ByteBuffer.wrap(b).order(BYTE_ORDER)
                .getInt(victim.offset())) + " at byte " + RecordingReader.group(victim.offset()) + ")"), n.message());
    }

    @Test
    void shouldIgnoreButReportBytesAfterTheEndMarker() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(good);
        b.write("junk".getBytes(StandardCharsets.US_ASCII));
        LoadedRecording loaded = load(b.toByteArray());
        assertTrue(loaded.complete());
        assertEquals(rec.eventCount(), loaded.events());
        assertEquals(List.of(new LoadNotice(LoadNotice.Kind.TRAILING_DATA, "4 bytes after the end marker ignored")), loaded.notices());
    }

    @Test
    void shouldLoadFromAnyChannel() throws Exception {
        LoadedRecording loaded = RecordingReader.load(java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(good)),
                -1, ProgressListener.NONE);
        assertTrue(loaded.complete());
        assertEquals(rec.eventCount(), loaded.events());
    }

    @Test
    void shouldStopLoadingWhenCancelled() throws Exception {
        Path p = dir.resolve("c.qpwrec");
        Files.write(p, good);
        int[] calls = {0};
        ProgressListener cancelAfterTwo = new ProgressListener() {
            @Override public void progress(long done, long total) { calls[0]++; }
            @Override public boolean isCancelled() { return calls[0] >= 2; }
        };
        assertThrows(CancellationException.class, () -> RecordingReader.load(p, cancelAfterTwo));
    }
}
