package io.qpwscope.ui.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qpwscope.recording.ProgressListener;
import io.qpwscope.trace.Recording;
import io.qpwscope.ui.FxSupport;
import io.qpwscope.ui.timeline.SyntheticRecording;
import io.qpwscope.ui.timeline.index.SpanKind;
import io.qpwscope.ui.timeline.index.SpanTable;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clips of a recording shaped like the engine's (cpu3 isolated and interrupted by each drain
 * while qpw=0): the GIF read back, the pixels of an interruption, cancel and failure leaving
 * no file, and the ffmpeg pipe protocol against a fake encoder.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClipExportTest {
    static Recording rec;
    static TimelineIndex idx;
    /** The first interruption of isolated cpu3. */
    static long intStart, intEnd;

    @TempDir Path dir;

    @BeforeAll
    static void record() throws Exception {
        FxSupport.start();
        rec = SyntheticRecording.build(SyntheticRecording.Config.demo(12_000_000, 1_000));
        idx = ClipExport.index(rec, ProgressListener.NONE);
        SpanTable st = idx.lane(3).spans();
        for (int i = st.first(); i < st.size(); i++) {
            if (st.kind(i) == SpanKind.INTERRUPTION) {
                intStart = st.start(i);
                intEnd = st.end(i);
                break;
            }
        }
        assertTrue(intEnd > intStart, "the synthetic recording interrupts cpu3");
    }

    private static ClipSettings around(double speed, int width, int fps, ClipFormat f) {
        return new ClipSettings(intStart - 150_000, intEnd + 150_000, speed, width, fps, f);
    }

    @Test
    void shouldWriteALoopingGifOfTheTitleAndAtLeastTenTimelineFramesAtTheAskedSize() throws Exception {
        Path out = dir.resolve("a.gif");
        ClipSettings s = around(0, 1280, 10, ClipFormat.GIF);
        ClipExport.Result r = ClipExport.write(rec, List.of(), s, out, null, ProgressListener.NONE, p -> { });
        assertEquals(List.of(out), files());
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            int n = reader.getNumImages(true);
            assertEquals(r.frames(), n);
            assertTrue(n >= 11, n + " frames: a title and at least 10 timeline frames");
            assertEquals(1280, reader.getWidth(0));
            assertEquals(720, reader.getHeight(0));
            IIOMetadataNode stream = (IIOMetadataNode) reader.getStreamMetadata().getAsTree("javax_imageio_gif_stream_1.0");
            IIOMetadataNode screen = (IIOMetadataNode) stream.getElementsByTagName("LogicalScreenDescriptor").item(0);
            assertEquals("1280", screen.getAttribute("logicalScreenWidth"));
            assertEquals("720", screen.getAttribute("logicalScreenHeight"));
            // the frames after the first hold only what changed: played through, the last shows the last timeline frame
            java.awt.image.BufferedImage shown = new java.awt.image.BufferedImage(1280, 720, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = shown.createGraphics();
            for (int i = 0; i < n; i++) {
                IIOMetadataNode m = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode d = (IIOMetadataNode) m.getElementsByTagName("ImageDescriptor").item(0);
                g.drawImage(reader.read(i), Integer.parseInt(d.getAttribute("imageLeftPosition")),
                        Integer.parseInt(d.getAttribute("imageTopPosition")), null);
            }
            g.dispose();
            double last = r.plan().times()[r.plan().frames() - 1];
            ClipFrames frames = FxSupport.onFx(() -> new ClipFrames(idx, rec.meta(), r.plan(), ClipCaptions.of(rec.meta(), List.of()), 1280));
            int[] want = FxSupport.onFx(() -> pixels(frames.at(last)));
            int[] got = shown.getRGB(0, 0, 1280, 720, null, 0, 1280);
            long off = 0;
            for (int i = 0; i < want.length; i++) {
                int a = want[i], b = got[i];
                int d = Math.max(Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF)),
                        Math.max(Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF)), Math.abs((a & 0xFF) - (b & 0xFF))));
                if (d > 40) off++;
            }
            assertTrue(off < want.length / 100, off + " of " + want.length + " pixels differ from the rendered frame");
            IIOMetadataNode first = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode app = (IIOMetadataNode) first.getElementsByTagName("ApplicationExtension").item(0);
            assertEquals("NETSCAPE", app.getAttribute("applicationID"));
            assertEquals("2.0", app.getAttribute("authenticationCode"));
            assertEquals("250", delay(first), "the title card stays 2.5 s");
            IIOMetadataNode second = (IIOMetadataNode) reader.getImageMetadata(1).getAsTree("javax_imageio_gif_image_1.0");
            assertEquals("10", delay(second), "10 fps: a frame every 1/10 s");
        }
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        }
    }

    private static String delay(IIOMetadataNode root) {
        return ((IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0)).getAttribute("delayTime");
    }

    @Test
    void shouldDrawTheInterruptionInTheIsolatedLaneOnlyOnceItsTimeIsReached() throws Exception {
        ClipPlan plan = ClipPlan.of(around(0.001, 1280, 25, ClipFormat.GIF), idx);
        ClipFrames frames = FxSupport.onFx(() -> new ClipFrames(idx, rec.meta(), plan, ClipCaptions.of(rec.meta(), List.of()), 1280));
        int[] quiet = FxSupport.onFx(() -> pixels(frames.at(intStart - 50_000)));
        int[] interrupted = FxSupport.onFx(() -> pixels(frames.at(intEnd + 50_000)));
        double[] band = frames.laneBand(3);
        int x0 = (int) Math.floor(frames.x(intStart)), x1 = (int) Math.ceil(frames.x(intEnd));
        assertTrue(x1 - x0 >= 2, "the interruption spans " + (x1 - x0) + " px");
        int before = reddish(quiet, 1280, x0, x1, band), after = reddish(interrupted, 1280, x0, x1, band);
        assertEquals(0, before, "nothing drawn in lane 3 before the interruption's time");
        assertTrue(after > (x1 - x0) * 4, after + " interruption-coloured pixels in lane 3 after it");
    }

    private static int[] pixels(WritableImage img) {
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        int[] p = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), p, 0, w);
        return p;
    }

    /** Pixels of the interruption's colours (vermillion, orange kworker) in a lane's band and columns. */
    private static int reddish(int[] p, int w, int x0, int x1, double[] band) {
        int n = 0;
        for (int y = (int) Math.ceil(band[0]); y < (int) band[1]; y++) {
            for (int x = x0; x < x1; x++) {
                int c = p[y * w + x], r = c >> 16 & 0xFF, g = c >> 8 & 0xFF, b = c & 0xFF;
                if (r > 110 && r - g > 45 && r - b > 90) n++;
            }
        }
        return n;
    }

    @Test
    void shouldStopOnCancelAndLeaveTheExistingFileAsItWas() throws Exception {
        Path out = dir.resolve("old.gif");
        byte[] old = "an older clip".getBytes();
        Files.write(out, old);
        ProgressListener cancelAfterThree = new ProgressListener() {
            long done;

            @Override
            public void progress(long d, long total) {
                done = d;
            }

            @Override
            public boolean isCancelled() {
                return done >= 3;
            }
        };
        assertThrows(CancellationException.class,
                () -> ClipExport.write(rec, List.of(), around(0, 640, 25, ClipFormat.GIF), out, null, cancelAfterThree, p -> { }));
        assertArrayEquals(old, Files.readAllBytes(out));
        assertEquals(List.of(out), files(), "no temporary file left");
    }

    @Test
    void shouldStopTheDialogsTaskOnCancelAndLeaveNoFile() throws Exception {
        Path out = dir.resolve("gui.gif");
        javafx.concurrent.Task<Path> t = ClipDialog.task(rec, List.of(),
                new ClipDialog.Choice(around(0, 640, 25, ClipFormat.GIF), out));
        java.util.concurrent.CountDownLatch drawing = new java.util.concurrent.CountDownLatch(1);
        // Cancel on the FX thread as soon as the first frame is reported, as the dialog's button would:
        // the export draws every frame on the FX thread, so it cannot have finished by then (cancelling
        // from the test thread raced the remaining frames on a loaded machine)
        FxSupport.onFx(() -> t.progressProperty().addListener((o, a, v) -> {
            if (v.doubleValue() > 0 && drawing.getCount() > 0) {
                drawing.countDown();
                t.cancel();
            }
        }));
        Thread worker = new Thread(t, "clip-test");
        worker.start();
        assertTrue(drawing.await(60, TimeUnit.SECONDS), "the export started");
        worker.join(60_000);
        assertTrue(!worker.isAlive(), "the export's thread ended");
        assertEquals(javafx.concurrent.Worker.State.CANCELLED, FxSupport.onFx(() -> t.getState()));
        assertEquals(List.of(), files(), "no clip and no temporary file");
    }

    @Test
    void shouldLeaveNoFileWhenCancelledBeforeAnyExisted() throws Exception {
        Path out = dir.resolve("new.gif");
        ProgressListener cancelled = new ProgressListener() {
            @Override
            public void progress(long d, long total) { }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancellationException.class,
                () -> ClipExport.write(rec, List.of(), around(0, 640, 25, ClipFormat.GIF), out, null, cancelled, p -> { }));
        assertEquals(List.of(), files());
    }

    @Test
    void shouldPipeRawRgbFramesToTheEncoderWithH264Yuv420pFaststartArguments() throws Exception {
        Path args = dir.resolve("args.txt");
        Path fake = script("fake-ffmpeg", "echo \"$@\" > '" + args + "'\nfor last; do :; done\ncat > \"$last\"\n");
        Path out = dir.resolve("a.mp4");
        ClipSettings s = around(0, 640, 20, ClipFormat.MP4);
        ClipExport.Result r = ClipExport.write(rec, List.of(), s, out, fake, ProgressListener.NONE, p -> { });
        String a = Files.readString(args);
        for (String want : List.of("-f rawvideo", "-pix_fmt rgb24", "-s 640x360", "-framerate 20", "-i -", "-c:v libx264",
                "-pix_fmt yuv420p", "-movflags +faststart")) {
            assertTrue(a.contains(want), "'" + want + "' in " + a);
        }
        long frameBytes = 640L * 360 * 3;
        long size = Files.size(out);
        assertEquals(0, size % frameBytes, "whole frames only");
        double ms = ClipPlan.TITLE_MS + ClipPlan.HOLD_MS + r.plan().frames() * r.plan().frameMs();
        assertEquals(ms / 50, size / frameBytes, 1.0, "constant 20 fps: longer frames are repeated");
    }

    @Test
    void shouldLeaveTheExistingFileAndNoTemporaryOneWhenTheEncoderFails() throws Exception {
        Path fake = script("failing-ffmpeg", "head -c 1000 > /dev/null\necho 'Unknown encoder libx264' >&2\nexit 3\n");
        Path out = dir.resolve("talk.mp4");
        byte[] old = "the clip from last week".getBytes();
        Files.write(out, old);
        Exception e = assertThrows(Exception.class,
                () -> ClipExport.write(rec, List.of(), around(0, 640, 20, ClipFormat.MP4), out, fake, ProgressListener.NONE, p -> { }));
        assertTrue(e.getMessage().contains("ffmpeg") && e.getMessage().contains("Unknown encoder"), e.getMessage());
        assertArrayEquals(old, Files.readAllBytes(out));
        assertEquals(List.of(fake, out), files());
    }

    @Test
    void shouldMakeAPlayableMp4WithTheRealFfmpeg() throws Exception {
        Path ffmpeg = Mp4Sink.find();
        assumeTrue(ffmpeg != null, "ffmpeg is not on PATH: the MP4 encode is covered by the fake-encoder tests only");
        Path out = dir.resolve("real.mp4");
        ClipExport.write(rec, List.of(), around(0, 640, 20, ClipFormat.MP4), out, ffmpeg, ProgressListener.NONE, p -> { });
        byte[] head = Arrays.copyOf(Files.readAllBytes(out), 12);
        assertEquals("ftyp", new String(head, 4, 4), "an ISO media file");
        String all = new String(Files.readAllBytes(out), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(all.indexOf("moov") < all.indexOf("mdat"), "faststart: the index before the media data");
    }

    private Path script(String name, String body) throws Exception {
        assumeTrue(new File("/bin/sh").canExecute(), "needs /bin/sh for a fake encoder");
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        assertTrue(p.toFile().setExecutable(true));
        return p;
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().equals("args.txt")).sorted().toList();
        }
    }
}
