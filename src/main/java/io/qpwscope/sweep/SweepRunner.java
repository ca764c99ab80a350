package io.qpwscope.sweep;

import io.qpwscope.engine.Engine;
import io.qpwscope.engine.EngineFailure;
import io.qpwscope.engine.Summary;
import io.qpwscope.scenario.ScenarioResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link SweepPlan}: for each value, qpw=0 then qpw=1, one short headless engine run
 * the way {@code run} makes one (scenario, {@link ScenarioResolver} with the qpw override,
 * {@link Engine}), one {@link SweepRow} each. Runs one engine at a time on the calling thread;
 * {@link #cancel()} from any thread stops the current run within {@value #POLL_MS} ms and
 * drops it (a partial run would be a shorter, different measurement).
 */
public final class SweepRunner {
    /** Each run's length unless told. */
    public static final long DEFAULT_DURATION_NS = 1_000_000_000L;
    static final long POLL_MS = 20;
    private static final int[] MODES = {0, 1};

    private final SweepPlan plan;
    private final long durationNs;
    private volatile boolean cancelled;

    /** @param durationNs length of each run, > 0 */
    public SweepRunner(SweepPlan plan, long durationNs) {
        if (durationNs <= 0) throw new IllegalArgumentException("run length must be > 0, got " + durationNs + " ns");
        this.plan = plan;
        this.durationNs = durationNs;
    }

    /** Runs in all: values x modes. */
    public int total() {
        return plan.variants().size() * MODES.length;
    }

    /** Stops the sweep: the run under way ends now and is dropped, no further run starts. */
    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Runs the plan on this thread; returns early, with the rows so far, when cancelled. */
    public SweepResult run(SweepListener listener) {
        List<SweepRow> rows = new ArrayList<>();
        int total = total();
        outer:
        for (SweepPlan.Variant v : plan.variants()) {
            for (int qpw : MODES) {
                if (cancelled) break outer;
                listener.starting(rows.size(), total, v.value(), qpw);
                SweepRow row = runOne(v, qpw);
                if (row == null) break outer;
                rows.add(row);
                listener.finished(rows.size(), total, row);
            }
        }
        return new SweepResult(plan.base().name(), plan.parameter().path(), plan.parameter().values(), durationNs,
                cancelled && rows.size() < total, rows);
    }

    /** @return the row, or null when cancelled during the run */
    private SweepRow runOne(SweepPlan.Variant v, int qpw) {
        Engine engine = new Engine(ScenarioResolver.resolve(v.scenario(), qpw, v.json()));
        try {
            engine.start();
            long end = System.nanoTime() + durationNs;
            while (!cancelled && engine.failure().isEmpty()) {
                long left = end - System.nanoTime();
                if (left <= 0) break;
                LockSupport.parkNanos(Math.min(POLL_MS * 1_000_000L, left));
            }
        } finally {
            engine.stop();
        }
        if (cancelled) return null;
        Summary summary = engine.summary();
        Optional<EngineFailure> failure = engine.failure();
        return SweepRow.of(v.value(), qpw, summary, failure.map(EngineFailure::describe).orElse(null));
    }
}
