package io.qpwscope.ftrace.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's tracefs: found (or mounted) once, its settings saved by {@link #save()} and put back by
 * {@link Saved#restore()}, so a capture leaves tracing as it found it.
 */
final class Tracefs {
    static final Path DEFAULT = Path.of("/sys/kernel/tracing");
    private static final Path LEGACY = Path.of("/sys/kernel/debug/tracing");

    private final Path root;

    private Tracefs(Path root) {
        this.root = root;
    }

    /**
     * Finds tracefs, mounting it on /sys/kernel/tracing if it is not mounted.
     *
     * @throws IOException with a one-line reason if there is none or it cannot be written (not root)
     */
    static Tracefs open() throws IOException {
        Path r = Files.isRegularFile(DEFAULT.resolve("trace")) ? DEFAULT
                : Files.isRegularFile(LEGACY.resolve("trace")) ? LEGACY : null;
        if (r == null && Files.isDirectory(DEFAULT)) {
            mount();
            if (Files.isRegularFile(DEFAULT.resolve("trace"))) r = DEFAULT;
        }
        if (r == null) throw new IOException("no tracefs (not at " + DEFAULT + " and mounting it failed; a kernel with CONFIG_FTRACE is needed)");
        if (!Files.isWritable(r.resolve("tracing_on")) || !Files.isWritable(r.resolve("set_event"))) {
            throw new IOException(r + " is not writable (run as root)");
        }
        return new Tracefs(r);
    }

    private static void mount() throws IOException {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tracefs", "nodev", DEFAULT.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path file(String name) {
        return root.resolve(name);
    }

    String read(String name) throws IOException {
        return Files.readString(root.resolve(name), StandardCharsets.ISO_8859_1).strip();
    }

    void write(String name, String value) throws IOException {
        Files.writeString(root.resolve(name), value + "\n", StandardCharsets.ISO_8859_1,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Adds one event ({@code group:event}) to set_event; false if this kernel has no such event. */
    boolean enableEvent(String event) {
        try {
            Files.writeString(root.resolve("set_event"), event + "\n", StandardCharsets.ISO_8859_1,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What a capture changes: tracing_on, current_tracer, set_event, buffer_size_kb. */
    Saved save() throws IOException {
        return new Saved(read("tracing_on"), read("current_tracer"), Files.readAllLines(root.resolve("set_event")),
                read("buffer_size_kb"));
    }

    /** Settings as found. */
    final class Saved {
        private final String tracingOn, tracer, bufferKb;
        private final List<String> events;

        private Saved(String tracingOn, String tracer, List<String> events, String bufferKb) {
            this.tracingOn = tracingOn;
            this.tracer = tracer;
            this.events = events;
            this.bufferKb = bufferKb;
        }

        /** Puts every saved setting back; tries all of them and reports the first that failed. */
        void restore() throws IOException {
            IOException first = null;
            try {
                write("tracing_on", "0");
            } catch (IOException e) {
                first = e;
            }
            try {
                write("set_event", "");
                for (String e : events) if (!e.isBlank()) enableEvent(e.strip());
            } catch (IOException e) {
                if (first == null) first = e;
            }
            try {
                write("current_tracer", tracer);
            } catch (IOException e) {
                if (first == null) first = e;
            }
            try {
                if (bufferKb.matches("\\d+")) write("buffer_size_kb", bufferKb);
            } catch (IOException e) {
                if (first == null) first = e;
            }
            try {
                write("tracing_on", tracingOn);
            } catch (IOException e) {
                if (first == null) first = e;
            }
            if (first != null) throw first;
        }
    }
}
