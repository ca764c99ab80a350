package io.qpwscope.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The one place every engine thread (cpu/N, triggers, the trace collector, a recorder)
 * reports an uncaught failure to. The first failure wins; later ones (usually consequences
 * of the first) are ignored. On the first failure the action given at construction runs
 * (the engine halts its threads), then every listener, on the failing thread.
 */
public final class FailureHandler implements Thread.UncaughtExceptionHandler {
    private final AtomicReference<EngineFailure> first = new AtomicReference<>();
    private final Consumer<EngineFailure> onFirst;
    private final List<Consumer<EngineFailure>> listeners = new CopyOnWriteArrayList<>();

    /** @param onFirst run once, on the thread of the first failure, before the listeners */
    public FailureHandler(Consumer<EngineFailure> onFirst) {
        this.onFirst = onFirst;
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        report(t.getName(), e);
    }

    /** Reports a failure of the thread named {@code threadName}; @return true if it was the first. */
    public boolean report(String threadName, Throwable cause) {
        EngineFailure f = new EngineFailure(threadName, EngineFailure.cpuOf(threadName), cause);
        if (!first.compareAndSet(null, f)) return false;
        try {
            onFirst.accept(f);
        } finally {
            for (Consumer<EngineFailure> l : listeners) {
                try {
                    if (listeners.remove(l)) l.accept(f); // remove first: told exactly once
                } catch (RuntimeException ignored) {
                    // a listener's own failure must not hide the engine's
                }
            }
        }
        return true;
    }

    public Optional<EngineFailure> failure() {
        return Optional.ofNullable(first.get());
    }

    /** Told once, on the failing thread; told at once if the failure already happened. */
    public void addListener(Consumer<EngineFailure> listener) {
        listeners.add(listener);
        EngineFailure f = first.get();
        if (f != null && listeners.remove(listener)) listener.accept(f);
    }
}
