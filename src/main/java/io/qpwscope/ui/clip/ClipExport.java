package io.qpwscope.ui.clip;

import io.qpwscope.recording.Annotation;
import io.qpwscope.recording.ProgressListener;
import io.qpwscope.trace.Recording;
import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Writes a clip of a recording: indexes it, plans the frames, then for each frame has the FX
 * thread draw and snapshot it ({@link ClipFrames}) while this thread converts and encodes it.
 * Call from a worker thread, never the FX thread (the toolkit must run). The clip is written
 * to a temporary file next to the target and moved over it atomically at the end, so a
 * failure or a cancel never leaves a partial file or touches an existing one.
 */
public final class ClipExport {
    /** What was written. @param frames frames encoded, the title card included */
    public record Result(Path file, ClipPlan plan, int frames, int width, int height) {}

    private ClipExport() {}

    /** The timeline index of a whole recording, built on the calling thread. */
    public static TimelineIndex index(Recording rec, ProgressListener pl) {
        TimelineIndex idx = new TimelineIndex(new RecordingTimelineSource(rec));
        while (idx.catchUp(1 << 20) > 0) {
            if (pl.isCancelled()) throw new CancellationException("cancelled");
        }
        return idx;
    }

    /**
     * @param ffmpeg  the encoder for MP4 (see {@link Mp4Sink#find()}); unused for GIF
     * @param planned told the plan before the first frame (notes such as a frame cap)
     * @throws IllegalArgumentException the range does not fit the recording
     * @throws CancellationException    {@code pl} was cancelled; no file was written
     */
    public static Result write(Recording rec, List<Annotation> annotations, ClipSettings s, Path target, Path ffmpeg,
                               ProgressListener pl, Consumer<ClipPlan> planned) throws Exception {
        if (s.format() == ClipFormat.MP4 && ffmpeg == null) throw new IOException(CliClipMaker.NO_FFMPEG);
        TimelineIndex idx = index(rec, pl);
        ClipPlan plan = ClipPlan.of(s, idx);
        planned.accept(plan);
        ClipCaptions captions = ClipCaptions.of(rec.meta(), annotations);
        ClipFrames frames = FxCalls.call(() -> new ClipFrames(idx, rec.meta(), plan, captions, s.width()));
        int w = frames.width(), h = frames.height();
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp");
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        try (FrameSink sink = s.format() == ClipFormat.GIF ? new GifSink(tmp) : new Mp4Sink(ffmpeg, tmp, w, h, s.fps())) {
            int total = plan.frames() + 1;
            copy(FxCalls.call(frames::title), pixels, w, h);
            sink.frame(rgb, ClipPlan.TITLE_MS);
            pl.progress(1, total);
            double[] times = plan.times();
            for (int i = 0; i < times.length; i++) {
                if (pl.isCancelled() || Thread.currentThread().isInterrupted()) throw new CancellationException("cancelled");
                double t = times[i];
                copy(FxCalls.call(() -> frames.at(t)), pixels, w, h);
                sink.frame(rgb, plan.frameMs() + (i == times.length - 1 ? ClipPlan.HOLD_MS : 0));
                pl.progress(i + 2, total);
            }
            sink.finish();
        } catch (Exception | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        readable(tmp);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Result(target, plan, plan.frames() + 1, w, h);
    }

    /** A temporary file is private (rw-------); the clip gets the usual rw-r--r--. */
    private static void readable(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: the default permissions stay
        }
    }

    /** Copies a snapshot into an RGB image's pixels (the snapshot is opaque). */
    private static void copy(WritableImage img, int[] dst, int w, int h) {
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), dst, 0, w);
    }
}
