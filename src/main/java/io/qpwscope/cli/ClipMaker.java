package io.qpwscope.cli;

import io.qpwscope.recording.LoadedRecording;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Makes an animated clip (GIF or MP4) of a loaded recording for {@code export --format=gif|mp4}.
 * Frames are drawn by the GUI's timeline renderer, so the implementation lives in the ui
 * layer and the launcher installs it ({@link ExportCommand#setClipMaker}); this package stays
 * free of JavaFX.
 */
@FunctionalInterface
public interface ClipMaker {
    /**
     * The command line's clip options as typed (null = not given); the maker parses and checks them.
     *
     * @param recording the file read, for messages
     */
    record Request(Path recording, LoadedRecording loaded, String format, Path out,
                   String from, String to, String speed, Integer width, Integer fps) {}

    /**
     * Writes the clip, prints its path on {@code out} and notes and progress on {@code err}.
     *
     * @return the exit code: 0 written; 2 bad input, no encoder, or the file could not be written (one line on err)
     */
    int make(Request request, PrintWriter out, PrintWriter err);
}
