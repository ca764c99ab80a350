package io.qpwscope.ui.clip;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;

/** Runs a piece of work on the FX thread from a worker thread and waits for it, bounded. */
final class FxCalls {
    static final long TIMEOUT_S = 60;

    private FxCalls() {}

    static <T> T call(Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) return work.call();
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) throw x;
            throw e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the JavaFX thread did not draw a frame in " + TIMEOUT_S + " s", e);
        }
    }
}
