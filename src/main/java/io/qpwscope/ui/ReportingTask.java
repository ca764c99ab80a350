package io.qpwscope.ui;

import io.qpwscope.recording.ProgressListener;
import javafx.concurrent.Task;

/**
 * A background task whose progress comes from a {@link ProgressListener} callback (the
 * recording reader and writer report through one); cancelling the task cancels the work.
 */
abstract class ReportingTask<T> extends Task<T> {
    /** The listener to hand to the reader or writer. */
    final ProgressListener listener = new ProgressListener() {
        @Override
        public void progress(long done, long total) {
            updateProgress(done, total);
        }

        @Override
        public boolean isCancelled() {
            return ReportingTask.this.isCancelled();
        }
    };
}
