package io.qpwscope.ui.clip;

import java.util.Locale;

/** What a clip is written as: an animated GIF (no tool needed) or an H.264 MP4 (through ffmpeg). */
public enum ClipFormat {
    GIF("gif", 25),
    MP4("mp4", 30);

    public final String extension;
    /** Frames per second when none is asked for. */
    public final int defaultFps;

    ClipFormat(String extension, int defaultFps) {
        this.extension = extension;
        this.defaultFps = defaultFps;
    }

    /** @return the format named {@code name} ("gif", "mp4"), or null */
    public static ClipFormat named(String name) {
        for (ClipFormat f : values()) if (f.extension.equals(name.toLowerCase(Locale.ROOT))) return f;
        return null;
    }
}
