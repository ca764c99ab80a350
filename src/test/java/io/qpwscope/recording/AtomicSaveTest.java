package io.qpwscope.recording;

import io.qpwscope.trace.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.*;

class AtomicSaveTest {
    @TempDir Path dir;

    private List<Path> files() throws Exception {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void shouldKeepTheOldFileIntactWhenASaveIsCancelledHalfway() throws Exception {
        Recording older = SyntheticRecording.generate(2, 5_000, 51);
        Path out = dir.resolve("keep.qpwrec");
        RecordingFiles.save(older, out, List.of());
        byte[] before = Files.readAllBytes(out);

        Recording newer = SyntheticRecording.generate(4, 50_000, 52);
        long[] seen = {0};
        ProgressListener cancelHalfway = new ProgressListener() {
            @Override public void progress(long done, long total) { seen[0] = done; }
            @Override public boolean isCancelled() { return seen[0] > newer.eventCount() / 2; }
        };
        assertThrows(CancellationException.class, () -> RecordingFiles.save(newer, out, List.of(), cancelHalfway,
                new RecordingWriter.Options(1_000, false, 0)));

        assertTrue(seen[0] > 0 && seen[0] < newer.eventCount(), "cancelled in the middle");
        assertArrayEquals(before, Files.readAllBytes(out));
        assertEquals(List.of(out), files(), "no temp file left");
    }

    @Test
    void shouldLeaveNothingWhenAnAnnotationCannotBeStored() throws Exception {
        Recording rec = SyntheticRecording.generate(2, 1_000, 53);
        Path out = dir.resolve("bad.qpwrec");
        assertThrows(IllegalArgumentException.class,
                () -> RecordingFiles.save(rec, out, List.of(new Annotation(0, 7, "cpu 7 of 2"))));
        assertEquals(List.of(), files());
    }
}
