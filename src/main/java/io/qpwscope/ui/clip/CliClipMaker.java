package io.qpwscope.ui.clip;

import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code export --format=gif|mp4} for the command line: checks the options, starts JavaFX
 * (headless when there is no display), writes the clip and reports progress every 10 % on
 * stderr. The launcher hands it the command line's clip options (ui and cli never see each other).
 */
public final class CliClipMaker {
    static final String NO_FFMPEG = "ffmpeg is needed for --format=mp4 and was not found on PATH: " + Mp4Sink.INSTALL_HINT;

    /** The options as typed (null = not given). */
    public record Options(String format, Path out, String from, String to, String speed, Integer width, Integer fps) {}

    /**
     * Writes the clip, prints its path on {@code out}, the plan, notes and progress on {@code err}.
     *
     * @return the exit code: 0 written; 2 bad input, no encoder, or the file could not be written (one line on err)
     */
    public int make(LoadedRecording loaded, Options r, PrintWriter out, PrintWriter err) {
        ClipFormat format = ClipFormat.named(r.format());
        if (format == null) {
            err.println("export: unknown clip format '" + r.format() + "' (expected gif or mp4)");
            return 2;
        }
        ClipSettings settings;
        try {
            settings = ClipSettings.parse(r.from(), r.to(), r.speed(), r.width(), r.fps(), format);
        } catch (IllegalArgumentException e) {
            err.println("export: " + e.getMessage());
            return 2;
        }
        Path ffmpeg = format == ClipFormat.MP4 ? Mp4Sink.find() : null;
        if (format == ClipFormat.MP4 && ffmpeg == null) {
            err.println("export: " + NO_FFMPEG);
            return 2;
        }
        try {
            HeadlessFx.start();
        } catch (RuntimeException | InterruptedException e) {
            err.println("export: cannot start JavaFX to draw the frames: " + e.getMessage());
            return 2;
        }
        ProgressListener progress = new ProgressListener() {
            private long lastTenth = -1;

            @Override
            public void progress(long done, long total) {
                long tenth = done * 10 / Math.max(1, total);
                if (tenth != lastTenth) {
                    lastTenth = tenth;
                    err.printf(Locale.ROOT, "export: frame %d of %d%n", done, total);
                    err.flush();
                }
            }
        };
        ClipExport.Result result;
        try {
            result = ClipExport.write(loaded.recording(), loaded.annotations(), settings, r.out(), ffmpeg, progress,
                    plan -> {
                        err.printf(Locale.ROOT, "export: %s, %.3f to %.3f ms at %s speed: %d frames, %.1f s%n", plan.rangeSource(),
                                plan.fromNs() / 1e6, plan.toNs() / 1e6, ClipSettings.speedLabel(plan.speed()), plan.frames(),
                                plan.seconds());
                        for (String n : plan.notes()) err.println("export: note: " + n);
                        err.flush();
                    });
        } catch (IllegalArgumentException e) {
            err.println("export: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("export: cannot write " + r.out() + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("export: clip failed: " + e);
            return 1;
        }
        out.println(result.file());
        out.flush();
        return 0;
    }
}
