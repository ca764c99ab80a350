package io.qpwscope.ui.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.cli.ExportCommand;
import io.qpwscope.recording.ProgressListener;
import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.trace.Recording;
import io.qpwscope.ui.FxSupport;
import io.qpwscope.ui.timeline.SyntheticRecording;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code export REC --format=gif|mp4} as the launcher wires it: the clip maker of this package behind the cli's hook. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClipCommandLineTest {
    @TempDir Path dir;
    Path rec;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void record() throws Exception {
        FxSupport.start();
        // as the launcher wires it
        ExportCommand.setClipMaker((r, out, err) -> new CliClipMaker().make(r.loaded(),
                new CliClipMaker.Options(r.format(), r.out(), r.from(), r.to(), r.speed(), r.width(), r.fps()), out, err));
        Recording r = SyntheticRecording.build(SyntheticRecording.Config.demo(8_000_000, 2_000));
        rec = dir.resolve("run.qpwrec");
        RecordingFiles.save(r, rec, List.of(), ProgressListener.NONE);
    }

    @AfterEach
    void unhook() {
        ExportCommand.setClipMaker(null);
        System.clearProperty(Mp4Sink.FFMPEG);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new ExportCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void shouldWriteAGifOfTheLastDrainWithAtLeastTenFramesWhenNoRangeIsGiven() throws Exception {
        Path out = dir.resolve("a.gif");
        Run r = run(rec.toString(), "--format=gif", "--out", out.toString(), "--width", "640", "--fps", "10");
        assertEquals(0, r.exit(), r.err());
        assertEquals(out + System.lineSeparator(), r.out());
        assertTrue(r.err().contains("the last drain"), r.err());
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertTrue(reader.getNumImages(true) >= 10, reader.getNumImages(true) + " frames");
            assertEquals(640, reader.getWidth(0));
            assertEquals(360, reader.getHeight(0));
        }
    }

    @Test
    void shouldClipARecordingTheEngineMadeWithTheDefaultsOfTheDoneWhenCommand() throws Exception {
        Path made = dir.resolve("engine.qpwrec");
        CommandLine cl = io.qpwscope.cli.QpwScopeCommand.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("run", "scenarios/isolated-rt-flushbufs.json", "--duration=400ms", "--record=" + made), err.toString());
        Path gif = dir.resolve("a.gif");
        int exit = cl.execute("export", made.toString(), "--format=gif", "--out", gif.toString(), "--width", "640");
        assertEquals(0, exit, err.toString());
        assertTrue(err.toString().contains("the last drain") || err.toString().contains("the whole recording"), err.toString());
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertTrue(reader.getNumImages(true) >= 10, reader.getNumImages(true) + " frames");
        }
    }

    @Test
    void shouldRefuseABadSpeedWithOneLineAndWriteNothing() {
        Path out = dir.resolve("a.gif");
        Run r = run(rec.toString(), "--format=gif", "--speed", "fast", "--out", out.toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("export: --speed 'fast' is not a speed"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldRefuseARangePastTheRecordingsEnd() {
        Path out = dir.resolve("a.gif");
        Run r = run(rec.toString(), "--format=gif", "--from", "5s", "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("past the recording's end"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldSayFfmpegIsNeededForMp4WhenItIsAbsent() {
        System.setProperty(Mp4Sink.FFMPEG, dir.resolve("no-such-ffmpeg").toString());
        Path out = dir.resolve("a.mp4");
        Run r = run(rec.toString(), "--format=mp4", "--out", out.toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("ffmpeg is needed") && r.err().contains("apt-get install ffmpeg")
                && r.err().contains("--format=gif"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldKeepClipOptionsAwayFromChromeAndCsv() {
        Run r = run(rec.toString(), "--format=chrome", "--from", "1ms", "--out", dir.resolve("a.json").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("are for --format=gif or mp4"), r.err());
    }
}
