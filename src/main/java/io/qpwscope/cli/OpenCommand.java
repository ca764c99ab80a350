package io.qpwscope.cli;

import io.qpwscope.recording.LoadNotice;
import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.recording.OpenedRecording;
import io.qpwscope.recording.ProgressListener;
import io.qpwscope.recording.RecordingFormatException;
import io.qpwscope.recording.RecordingReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code open FILE [FILE2]}: loads the recordings (a bad, missing or corrupt file is one line
 * on stderr and exit 2, before any window), then hands them to the GUI: review mode on one,
 * the compare view on two. A truncated file opens; its notices show in the window (and as
 * warnings here). The GUI is reached through an {@link Opener} that the launcher installs,
 * so this package stays free of JavaFX.
 */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = "Open a recording in the GUI for review, or two recordings to compare them.")
public final class OpenCommand implements Callable<Integer> {
    /** Shows loaded recordings in the GUI; returns the exit code when the GUI closes. */
    @FunctionalInterface
    public interface Opener {
        int open(List<OpenedRecording> recordings);
    }

    private static volatile Opener defaultOpener;

    @Spec CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "FILE", description = "one recording (.qpwrec) to review, or two to compare")
    List<Path> files;

    private final Opener opener;

    public OpenCommand() {
        this(null);
    }

    /** @param opener the GUI to open; null = the one the launcher installed */
    public OpenCommand(Opener opener) {
        this.opener = opener;
    }

    /** Installed by the launcher (the only place that may start JavaFX). */
    public static void setDefaultOpener(Opener o) {
        defaultOpener = o;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<OpenedRecording> loaded = new ArrayList<>();
        for (Path p : files) {
            try {
                LoadedRecording r = RecordingReader.load(p, ProgressListener.NONE);
                for (LoadNotice n : r.notices()) err.println("open: warning: " + p + ": " + n.message());
                loaded.add(new OpenedRecording(p, r));
            } catch (RecordingFormatException e) {
                err.println("open: " + p + ": " + e.getMessage());
                return 2;
            } catch (IOException e) {
                err.println("open: cannot read " + CliErrors.describe(e));
                return 2;
            }
        }
        err.flush();
        Opener o = opener != null ? opener : defaultOpener;
        if (o == null) {
            err.println("open: no GUI available in this process");
            return 3;
        }
        return o.open(loaded);
    }
}
