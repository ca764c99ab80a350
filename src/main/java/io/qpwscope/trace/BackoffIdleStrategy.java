package io.qpwscope.trace;

import java.util.concurrent.locks.LockSupport;

/**
 * Spin a little, then yield, then park with exponential back-off, so an idle engine does not
 * burn a core while a busy one is drained with low latency (after Agrona's
 * {@code BackoffIdleStrategy}). Phases advance only on rounds that found no work; any work
 * resets to spinning. Not thread-safe: one per worker thread.
 */
public final class BackoffIdleStrategy implements IdleStrategy {
    public enum Phase { NOT_IDLE, SPINNING, YIELDING, PARKING }

    /** Defaults: 64 spins, 8 yields, then park 1 µs doubling to 1 ms. */
    public static BackoffIdleStrategy defaults() {
        return new BackoffIdleStrategy(64, 8, 1_000, 1_000_000);
    }

    private final long maxSpins;
    private final long maxYields;
    private final long minParkNanos;
    private final long maxParkNanos;

    private Phase phase = Phase.NOT_IDLE;
    private long spins;
    private long yields;
    private long parkNanos;
    private long parks;

    public BackoffIdleStrategy(long maxSpins, long maxYields, long minParkNanos, long maxParkNanos) {
        if (maxSpins < 0 || maxYields < 0 || minParkNanos < 1 || maxParkNanos < minParkNanos) {
            throw new IllegalArgumentException("bad back-off: spins=" + maxSpins + " yields=" + maxYields
                    + " park=" + minParkNanos + ".." + maxParkNanos + " ns");
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            reset();
            return;
        }
        if (phase == Phase.NOT_IDLE) {
            phase = Phase.SPINNING;
            spins = 0;
        }
        if (phase == Phase.SPINNING) {
            if (spins < maxSpins) {
                spins++;
                Thread.onSpinWait();
                return;
            }
            phase = Phase.YIELDING;
            yields = 0;
        }
        if (phase == Phase.YIELDING) {
            if (yields < maxYields) {
                yields++;
                Thread.yield();
                return;
            }
            phase = Phase.PARKING;
            parkNanos = minParkNanos;
        }
        parks++;
        LockSupport.parkNanos(parkNanos);
        parkNanos = Math.min(parkNanos << 1, maxParkNanos);
    }

    @Override
    public void reset() {
        phase = Phase.NOT_IDLE;
        spins = 0;
        yields = 0;
        parkNanos = minParkNanos;
    }

    public Phase phase() {
        return phase;
    }

    /** @return the park the next idle round in the PARKING phase will take. */
    public long nextParkNanos() {
        return parkNanos;
    }

    /** @return parks taken so far (for tests and stats). */
    public long parks() {
        return parks;
    }
}
