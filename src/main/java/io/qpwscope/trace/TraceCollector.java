package io.qpwscope.trace;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one consumer of every CPU's {@link SpscTraceRing}: a platform thread named
 * {@value #THREAD_NAME} that drains ring {@code n} into lane {@code n} of a {@link Recording},
 * tells {@link DrainListener}s once per batch, and keeps the recording's overrun total current.
 *
 * <p>Lifecycle in an atomic, as Agrona's {@code AgentRunner}:
 * <pre>
 *   NEW --start()--&gt; RUNNING --halt()--&gt; HALTING --final drain--&gt; HALTED
 *    \________________________halt() (drains on the caller)______________/
 * </pre>
 * {@link #halt()} is called after the producers stopped; it drains every ring until all are
 * empty, so the recording then holds every record that was not counted as an overrun.
 * Between rounds that find nothing the thread follows an {@link IdleStrategy} (spin, yield,
 * then park with back-off), so an idle engine does not burn a core.
 */
public final class TraceCollector implements AutoCloseable {
    public static final String THREAD_NAME = "trace-collector";
    /** Records taken from one ring per round, so one busy CPU cannot starve the others. */
    public static final int DEFAULT_BATCH = 4096;
    /**
     * A round that collects fewer records than this backs off like an empty one, so CPUs
     * tracing at a moderate rate are drained in batches rather than record by record (each
     * poll of a ring moves its tail's cache line away from the writing CPU). With the
     * default back-off (at most 1 ms parked) a 64 Ki-record ring absorbs 65 M records/s.
     */
    public static final int DEFAULT_LOW_WATERMARK = 256;

    public static final int NEW = 0;
    public static final int RUNNING = 1;
    public static final int HALTING = 2;
    public static final int HALTED = 3;

    private final AtomicInteger state = new AtomicInteger(NEW);
    private final Recording recording;
    private final SpscTraceRing[] rings;
    private final LaneEvents[] lanes;
    private final IdleStrategy idle;
    private final int batch;
    private final int lowWatermark;
    /** Copy-on-write; read by the collector thread each round. */
    private volatile DrainListener[] listeners = new DrainListener[0];
    private volatile Thread thread;
    private volatile long collected;
    private volatile Throwable failure;
    private volatile Throwable listenerFailure;
    private volatile Thread.UncaughtExceptionHandler failureHandler;
    private long lastOverruns;

    /** @param rings ring {@code n} belongs to CPU {@code n}; as many rings as the recording has CPUs */
    public TraceCollector(Recording recording, SpscTraceRing[] rings) {
        this(recording, rings, BackoffIdleStrategy.defaults(), DEFAULT_BATCH, DEFAULT_LOW_WATERMARK);
    }

    /**
     * @param batch        records taken from one ring per round
     * @param lowWatermark a round collecting fewer records backs off like an empty one (0: never)
     */
    public TraceCollector(Recording recording, SpscTraceRing[] rings, IdleStrategy idle, int batch, int lowWatermark) {
        if (rings.length != recording.cpus()) {
            throw new IllegalArgumentException("collector: " + rings.length + " rings for a recording of "
                    + recording.cpus() + " CPUs");
        }
        if (batch < 1) throw new IllegalArgumentException("collector batch must be >= 1: " + batch);
        if (lowWatermark < 0) throw new IllegalArgumentException("collector low watermark must be >= 0: " + lowWatermark);
        this.recording = recording;
        this.rings = rings.clone();
        this.lanes = new LaneEvents[rings.length];
        for (int c = 0; c < rings.length; c++) {
            lanes[c] = recording.lane(c);
        }
        this.idle = idle;
        this.batch = batch;
        this.lowWatermark = lowWatermark;
    }

    /** Adds a listener; safe before {@link #start()} or while running (it sees later batches only). */
    public synchronized void addListener(DrainListener listener) {
        DrainListener[] l = listeners;
        DrainListener[] n = Arrays.copyOf(l, l.length + 1);
        n[l.length] = listener;
        listeners = n;
    }

    private synchronized void removeListener(DrainListener listener) {
        DrainListener[] l = listeners;
        listeners = Arrays.stream(l).filter(x -> x != listener).toArray(DrainListener[]::new);
    }

    /**
     * Before {@link #start()}: where the collector reports what stops it early, and the first
     * error of a listener (with the thread named {@value #THREAD_NAME}). Without one, failures
     * are only kept ({@link #failure()}, {@link #listenerFailure()}).
     */
    public void setFailureHandler(Thread.UncaughtExceptionHandler handler) {
        failureHandler = handler;
    }

    /** Starts the collector thread. */
    public void start() {
        if (!state.compareAndSet(NEW, RUNNING)) {
            throw new IllegalStateException("collector already started or halted (state " + stateName() + ")");
        }
        Thread.Builder.OfPlatform b = Thread.ofPlatform().name(THREAD_NAME).daemon(true);
        if (failureHandler != null) b.uncaughtExceptionHandler(failureHandler);
        Thread t = b.unstarted(this::run);
        thread = t;
        t.start();
    }

    /**
     * Stops collecting after a complete final drain; call after the producers stopped.
     * Idempotent; blocks until the final drain is done.
     */
    public void halt() {
        if (state.compareAndSet(NEW, HALTING)) {
            finalDrain();
            return;
        }
        if (state.compareAndSet(RUNNING, HALTING)) {
            LockSupport.unpark(thread);
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            boolean interrupted = false;
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        halt();
    }

    private void run() {
        try {
            while (state.get() == RUNNING) {
                doRound();
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            finalDrain();
        }
        Throwable f = failure;
        if (f != null) report(f);
    }

    private void report(Throwable e) {
        Thread.UncaughtExceptionHandler h = failureHandler;
        if (h != null) h.uncaughtException(Thread.currentThread(), e);
    }

    private void finalDrain() {
        try {
            if (failure == null) {
                while (doWork() > 0) {
                    // keep going until every ring is empty
                }
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            long ov = totalOverruns();
            recording.setOverruns(ov);
            for (DrainListener l : listeners) {
                try {
                    l.onHalt(ov);
                } catch (Throwable e) {
                    listenerFailure = e;
                }
            }
            state.set(HALTED);
        }
    }

    /**
     * One turn of the collector thread's loop: {@link #doWork()}, then the idle strategy, where
     * a round that found only a trickle (below the low watermark) counts as idle: polling again
     * at once would pull every ring's tail line from its CPU for a few records.
     * @return records appended
     */
    public int doRound() {
        final int work = doWork();
        idle.idle(work >= lowWatermark ? work : 0);
        return work;
    }

    /**
     * One round: up to the batch size from every ring, in CPU order. Called by the collector
     * thread; callable directly (tests, benchmarks) when no thread was started.
     * @return records appended this round
     */
    public int doWork() {
        final SpscTraceRing[] r = rings;
        final DrainListener[] ls = listeners;
        int work = 0;
        for (int c = 0; c < r.length; c++) {
            final LaneEvents lane = lanes[c];
            final int from = lane.size();
            final int n = r[c].drainTo(lane, batch);
            if (n > 0) {
                work += n;
                for (DrainListener l : ls) {
                    try {
                        l.onEvents(c, lane, from, from + n);
                    } catch (Throwable e) {
                        dropListener(l, e);
                    }
                }
            }
        }
        final long ov = totalOverruns();
        if (ov != lastOverruns) {
            lastOverruns = ov;
            recording.setOverruns(ov);
        }
        if (work > 0) {
            collected += work; // volatile: single writer, read by stats
            for (DrainListener l : ls) {
                try {
                    l.onRoundEnd(ov);
                } catch (Throwable e) {
                    dropListener(l, e);
                }
            }
            if (recording.overBudget()) recording.trimToBudget(this::beforeDrop);
        }
        return work;
    }

    /** Listeners take what they still need of a lane's oldest events before they leave memory. */
    private void beforeDrop(LaneEvents lane, int toIndex) {
        for (DrainListener l : listeners) {
            try {
                l.beforeDrop(lane.cpu(), lane, toIndex);
            } catch (Throwable e) {
                dropListener(l, e);
            }
        }
    }

    private void dropListener(DrainListener l, Throwable e) {
        boolean first = listenerFailure == null;
        listenerFailure = e;
        removeListener(l);
        if (first && Thread.currentThread() == thread) {
            report(new IllegalStateException("listener " + l.getClass().getSimpleName() + " failed: " + e, e));
        }
    }

    /** @return records appended to the recording so far (any thread). */
    public long collected() {
        return collected;
    }

    /** @return records dropped by full rings so far, over all rings (any thread). */
    public long totalOverruns() {
        long ov = 0;
        for (SpscTraceRing r : rings) ov += r.overruns();
        return ov;
    }

    /** @return records waiting in the rings (any thread; approximate). */
    public long backlog() {
        long b = 0;
        for (SpscTraceRing r : rings) b += r.backlog();
        return b;
    }

    public int state() {
        return state.get();
    }

    public String stateName() {
        return switch (state.get()) {
            case NEW -> "NEW";
            case RUNNING -> "RUNNING";
            case HALTING -> "HALTING";
            case HALTED -> "HALTED";
            default -> "?";
        };
    }

    /** @return what stopped the collector thread early, or null. */
    public Throwable failure() {
        return failure;
    }

    /** @return the last error thrown by a listener (which was then removed), or null. */
    public Throwable listenerFailure() {
        return listenerFailure;
    }
}
