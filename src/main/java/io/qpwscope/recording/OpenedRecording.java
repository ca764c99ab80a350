package io.qpwscope.recording;

import java.nio.file.Path;

/**
 * A recording loaded from a file, with the file it came from: what {@code open} hands to
 * the review GUI.
 */
public record OpenedRecording(Path file, LoadedRecording recording) {}
