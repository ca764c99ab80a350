package io.qpwscope.cli;

import io.qpwscope.engine.Engine;

import java.nio.file.Path;

/** Streams a run's trace into a .qpwrec file (run --record). */
final class RunRecorder implements AutoCloseable {
    private RunRecorder() {}

    static RunRecorder open(Path file, Path scenarioFile) {
        if (file == null) return null;
        throw new UnsupportedOperationException("--record: the recording writer is not merged yet");
    }

    void attach(Engine engine) {}

    void finish(Engine engine) {}

    @Override
    public void close() {}
}
