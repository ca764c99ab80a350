package io.qpwscope.ui.review;

import io.qpwscope.recording.ProgressListener;
import javafx.concurrent.Task;

/**
 * A {@link Task} around a file operation of the recording package (load, save, export): the
 * operation's {@link ProgressListener} reports into the task's progress and polls its
 * cancellation, so the Cancel button stops the work where the operation checks.
 */
public final class FileTask<T> extends Task<T> {
    /** The operation, run on the task's thread. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ProgressListener progress) throws Exception;
    }

    private final Work<T> work;

    public FileTask(String title, Work<T> work) {
        this.work = work;
        updateTitle(title);
    }

    @Override
    protected T call() throws Exception {
        return work.run(new ProgressListener() {
            @Override
            public void progress(long done, long total) {
                updateProgress(done, total);
            }

            @Override
            public boolean isCancelled() {
                return FileTask.this.isCancelled();
            }
        });
    }
}
