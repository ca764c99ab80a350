package io.qpwscope.cli;

import io.qpwscope.recording.ChromeTraceExporter;
import io.qpwscope.recording.CsvExporter;
import io.qpwscope.recording.LoadNotice;
import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.ProgressListener;
import io.qpwscope.recording.RecordingFormatException;
import io.qpwscope.recording.RecordingReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code export REC --format=chrome|csv --out FILE}: a recording as Chrome Trace Event JSON
 * (Perfetto UI opens it) or CSV. For csv, {@code --out} is a directory (files
 * NAME-events.csv and NAME-stats.csv inside it) or a prefix (PREFIX-events.csv and
 * PREFIX-stats.csv). Prints the written paths on stdout, load notices as warnings on stderr.
 * Exit 0 on success, 2 on bad input (one line on stderr, no output file).
 *
 * <p>{@code --format=gif|mp4 [--from T --to T] [--speed 1/1000] [--width 1280] [--fps N]}:
 * an animated clip drawn by the GUI's timeline, made by the {@link ClipMaker} the launcher
 * installs (no range: the last drain with some context, else the whole recording).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a recording (.qpwrec) to Chrome Trace Event JSON (opens in Perfetto UI) or CSV, "
                + "or a clip of it as an animated GIF or an MP4 video.")
public final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REC", description = "recording file (.qpwrec, or a .partial left by a killed run)")
    Path recording;

    @Option(names = "--format", required = true, paramLabel = "chrome|csv|gif|mp4", description = "chrome, csv, gif or mp4")
    String format;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
            description = "chrome: the JSON file; csv: a directory, or a prefix for PREFIX-events.csv and PREFIX-stats.csv; "
                    + "gif/mp4: the clip file")
    String outArg;

    @Option(names = "--from", paramLabel = "TIME", description = "gif/mp4: clip start, e.g. 0.9s or 950ms (default: the last drain)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "gif/mp4: clip end, e.g. 1.0s (default: the recording's end)")
    String to;

    @Option(names = "--speed", paramLabel = "1/N", description = "gif/mp4: recording time per clip time, e.g. 1/1000 "
            + "(one ms of recording lasts one second; default: the range lasts about 8 s)")
    String speed;

    @Option(names = "--width", paramLabel = "PX", description = "gif/mp4: width in pixels, 16:9 (default 1280)")
    Integer width;

    @Option(names = "--fps", paramLabel = "N", description = "gif/mp4: frames per second (default 25 for gif, 30 for mp4)")
    Integer fps;

    private static volatile ClipMaker clipMaker;

    /** Installed by the launcher (clips are drawn by the GUI's renderer). */
    public static void setClipMaker(ClipMaker maker) {
        clipMaker = maker;
    }

    private boolean clip() {
        return format.equals("gif") || format.equals("mp4");
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (!format.equals("chrome") && !format.equals("csv") && !clip()) {
            err.println("export: unknown --format '" + format + "' (expected chrome, csv, gif or mp4)");
            return 2;
        }
        if (!clip() && (from != null || to != null || speed != null || width != null || fps != null)) {
            err.println("export: --from, --to, --speed, --width and --fps are for --format=gif or mp4");
            return 2;
        }
        if (clip() && clipMaker == null) {
            err.println("export: clips need the GUI's renderer, which is not available in this process");
            return 2;
        }
        Path out = Path.of(outArg);
        // "DIR/" means a directory even when it does not exist (Path drops the trailing separator)
        if ((outArg.endsWith("/") || outArg.endsWith(java.io.File.separator)) && !Files.isDirectory(out)) {
            err.println("export: cannot write to " + outArg + ": no such directory");
            return 2;
        }
        List<Path> targets = !format.equals("csv") ? List.of(out)
                : CsvExporter.outputs(out, recording.getFileName().toString()).all();
        for (Path t : targets) {
            if (Files.isDirectory(t)) {
                err.println("export: cannot write " + t + ": is a directory");
                return 2;
            }
            if (t.toAbsolutePath().normalize().equals(recording.toAbsolutePath().normalize())) {
                err.println("export: " + t + ": output would replace the recording itself");
                return 2;
            }
            Path dir = t.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                err.println("export: cannot write " + t + ": directory " + dir + " does not exist");
                return 2;
            }
        }
        LoadedRecording loaded;
        try {
            loaded = RecordingReader.load(recording, ProgressListener.NONE);
        } catch (RecordingFormatException e) {
            err.println("export: " + recording + ": " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("export: cannot read " + CliErrors.describe(e));
            return 2;
        }
        for (LoadNotice n : loaded.notices()) err.println("export: warning: " + recording + ": " + n.message());
        if (clip()) {
            err.flush();
            return clipMaker.make(new ClipMaker.Request(recording, loaded, format, out, from, to, speed, width, fps), stdout, err);
        }
        try {
            if (format.equals("chrome")) {
                ChromeTraceExporter.export(loaded.recording(), loaded.annotations(), out, ProgressListener.NONE);
            } else {
                CsvExporter.export(loaded.recording(), CsvExporter.outputs(out, recording.getFileName().toString()),
                        ProgressListener.NONE);
            }
        } catch (IOException e) {
            err.println("export: cannot write " + CliErrors.describe(e));
            return 2;
        }
        for (Path t : targets) stdout.println(t);
        stdout.flush();
        return 0;
    }
}
