package io.qpwscope.ui.review;

import io.qpwscope.recording.RecordingFiles;
import io.qpwscope.trace.Recording;
import io.qpwscope.ui.FxSupport;
import io.qpwscope.ui.timeline.SyntheticRecording;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Recordings on disk and bounded waits for the review tests. */
final class ReviewFx {
    private ReviewFx() {}

    /** 4 CPUs (cpu3 isolated), a flushbufs drain every 2 ms, qpw 0 -> 1 at {@code switchAtNs}. */
    static Recording synthetic(long durationNs, long switchAtNs) {
        return SyntheticRecording.build(new SyntheticRecording.Config(4, 1L << 3, durationNs, 5_000, 2_000_000, switchAtNs, 0));
    }

    static Path saved(Recording r, Path file) throws Exception {
        RecordingFiles.save(r, file, List.of());
        return file;
    }

    static void await(String what, Callable<Boolean> cond, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(FxSupport.onFx(cond))) return;
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
