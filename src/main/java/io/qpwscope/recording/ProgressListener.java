package io.qpwscope.recording;

/**
 * Progress of a long file operation (load, save, export), called on the thread doing the
 * work a few hundred times at most, and polled for cancellation. A cancelled operation
 * throws {@link java.util.concurrent.CancellationException} and leaves no output file.
 */
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    /** @param done work done so far; @param total work in all (same unit; bytes or events). */
    void progress(long done, long total);

    default boolean isCancelled() {
        return false;
    }
}
