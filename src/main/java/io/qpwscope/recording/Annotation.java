package io.qpwscope.recording;

import java.util.Objects;

/**
 * A bookmark saved with a recording.
 *
 * @param ts   ns since the recording's origin
 * @param cpu  the CPU lane it marks, or {@link #ALL_CPUS}
 * @param text what the user wrote (at most 64 KiB as UTF-8)
 */
public record Annotation(long ts, int cpu, String text) {
    public static final int ALL_CPUS = -1;

    public Annotation {
        Objects.requireNonNull(text, "text");
        if (cpu < ALL_CPUS) throw new IllegalArgumentException("annotation cpu " + cpu);
    }
}
