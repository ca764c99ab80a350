package io.qpwscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.recording.OpenedRecording;
import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.ui.timeline.SyntheticRecording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code open}: files are loaded before any GUI; bad ones end it with one line and exit 2. */
class OpenCommandTest {
    @TempDir Path dir;
    private final List<List<OpenedRecording>> opened = new ArrayList<>();
    private final OpenCommand.Opener gui = r -> {
        opened.add(r);
        return 0;
    };

    private Path recording(String name) throws Exception {
        Path f = dir.resolve(name);
        RecordingFiles.save(SyntheticRecording.build(SyntheticRecording.Config.demo(4_000_000, 5_000)), f, List.of());
        return f;
    }

    @Test
    void shouldExit2WithOneLineAndNoGuiForACorruptFile() throws Exception {
        Path f = recording("c.qpwrec");
        byte[] bytes = Files.readAllBytes(f);
        for (int i = 0; i < 16; i++) bytes[i] ^= 0x5A;
        Files.write(f, bytes);
        CliHarness h = CliHarness.run(new OpenCommand(gui), f.toString());
        assertEquals(2, h.exit());
        assertEquals(1, h.err().lines().count(), h.err());
        assertTrue(h.err().startsWith("open: " + f), h.err());
        assertTrue(opened.isEmpty(), "the GUI was not started");
    }

    @Test
    void shouldExit2ForAMissingSecondFileBeforeOpeningTheFirst() throws Exception {
        Path a = recording("a.qpwrec");
        CliHarness h = CliHarness.run(new OpenCommand(gui), a.toString(), dir.resolve("missing.qpwrec").toString());
        assertEquals(2, h.exit());
        assertEquals(1, h.err().lines().count(), h.err());
        assertTrue(h.err().contains("missing.qpwrec"), h.err());
        assertTrue(opened.isEmpty());
    }

    @Test
    void shouldHandOneOrTwoLoadedRecordingsToTheGui() throws Exception {
        Path a = recording("a.qpwrec");
        Path b = recording("b.qpwrec");
        assertEquals(0, CliHarness.run(new OpenCommand(gui), a.toString()).exit());
        assertEquals(0, CliHarness.run(new OpenCommand(gui), a.toString(), b.toString()).exit());
        assertEquals(2, opened.size());
        assertEquals(a, opened.get(0).getFirst().file());
        assertEquals(List.of(a, b), opened.get(1).stream().map(OpenedRecording::file).toList());
        assertTrue(opened.get(1).get(1).recording().complete());
    }

    @Test
    void shouldWarnAboutATruncatedFileAndStillOpenIt() throws Exception {
        Path a = recording("t.qpwrec");
        try (var ch = java.nio.channels.FileChannel.open(a, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 40);
        }
        CliHarness h = CliHarness.run(new OpenCommand(gui), a.toString());
        assertEquals(0, h.exit());
        assertTrue(h.err().startsWith("open: warning: "), h.err());
        assertEquals(1, opened.size());
    }
}
