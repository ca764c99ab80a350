package io.qpwscope.engine;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Bounded waits on a condition, for engine tests: no fixed sleeps, no unbounded loops. */
final class Await {
    private Await() {}

    /** Polls {@code condition} until it holds; fails naming {@code what} and the state after {@code seconds}. */
    static void until(String what, long seconds, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) fail("not within " + seconds + " s: " + what + " (" + state.get() + ")");
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
