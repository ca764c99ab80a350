package io.qpwscope.cli;

import io.qpwscope.engine.Engine;
import io.qpwscope.recording.RecordingWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a run's trace into a .qpwrec file while the engine runs ({@code run --record}):
 * chunks go to FILE.partial as the collector drains, and only a complete file (footer and
 * all) is moved to FILE at the end. A killed run leaves the .partial, which opens up to its
 * last complete chunk.
 */
final class RunRecorder implements AutoCloseable {
    private final Path file;
    private RecordingWriter writer;

    private RunRecorder(Path file) {
        this.file = file;
    }

    /** @return null when no recording was asked for */
    static RunRecorder open(Path file) throws IOException {
        if (file == null) return null;
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) throw new IOException("no such directory: " + dir);
        if (Files.isDirectory(file)) throw new IOException(file + " is a directory");
        return new RunRecorder(file);
    }

    /** Before start(): every drained batch is appended to the file. */
    void attach(Engine engine) throws IOException {
        writer = RecordingWriter.open(file, engine.recording().meta());
        writer.setFailureListener(e -> engine.reportFailure("recorder", e));
        engine.collector().addListener(writer);
    }

    /** After stop(): writes the footer and moves the file into place. */
    void finish(Engine engine) throws IOException {
        writer.setOverruns(engine.recording().overruns());
        IOException failed = writer.failure();
        if (failed != null) throw new IOException("recording " + file + " failed: " + failed.getMessage(), failed);
        writer.close();
        writer = null;
    }

    @Override
    public void close() throws IOException {
        if (writer != null) writer.abort(); // a failed run leaves no FILE and no .partial; a killed one leaves the .partial
    }
}
