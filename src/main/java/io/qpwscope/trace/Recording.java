package io.qpwscope.trace;

/**
 * An in-memory recording: metadata plus one {@link LaneEvents} per CPU. Filled by one writer
 * (the live collector, or a file reader) and read concurrently by the UI and exporters.
 *
 * <p>A live recording may have an off-heap budget ({@link #setOffHeapBudget}): over it, the
 * writer drops the oldest chunks ({@link #trimToBudget}), so memory holds a rolling
 * {@link #window()} of the run while a file recording (a {@link DrainListener}) keeps all.
 */
public final class Recording {
    private final RecordingMeta meta;
    private final LaneEvents[] lanes;
    private volatile long overruns;
    /** Off-heap bytes the lanes may hold; 0: no limit (a recording read from a file). */
    private volatile long offHeapBudget;
    private final java.util.concurrent.atomic.AtomicInteger holds = new java.util.concurrent.atomic.AtomicInteger();

    public Recording(RecordingMeta meta) {
        this.meta = meta;
        this.lanes = new LaneEvents[meta.cpus()];
        for (int c = 0; c < lanes.length; c++) lanes[c] = new LaneEvents(c);
    }

    public RecordingMeta meta() {
        return meta;
    }

    public int cpus() {
        return lanes.length;
    }

    public LaneEvents lane(int cpu) {
        return lanes[cpu];
    }

    /** Writer only: appends a record to the lane of the CPU that wrote it. */
    public void append(long ts, long meta, long payload) {
        lanes[TraceDescriptor.cpu(meta)].append(ts, meta, payload);
    }

    public long eventCount() {
        long n = 0;
        for (LaneEvents l : lanes) n += l.size();
        return n;
    }

    /** Latest timestamp over all lanes. */
    public long endTs() {
        long t = 0;
        for (LaneEvents l : lanes) t = Math.max(t, l.lastTs());
        return t;
    }

    /** Records lost to full rings while recording (never hidden). */
    public long overruns() {
        return overruns;
    }

    public void setOverruns(long overruns) {
        this.overruns = overruns;
    }

    /** @param bytes off-heap bytes the lanes may hold before the oldest chunks go (0: no limit) */
    public void setOffHeapBudget(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("budget " + bytes);
        offHeapBudget = bytes;
    }

    public long offHeapBudget() {
        return offHeapBudget;
    }

    /** Off-heap bytes the lanes hold now. */
    public long offHeapBytes() {
        long n = 0;
        for (LaneEvents l : lanes) n += l.offHeapBytes();
        return n;
    }

    /**
     * @return true if a budget is set and the lanes hold more; while a {@link #hold()} is open
     * (a save reading the window from its oldest end) the limit is 1.5 times the budget
     */
    public boolean overBudget() {
        final long b = offHeapBudget;
        return b > 0 && offHeapBytes() > (holds.get() > 0 ? b + b / 2 : b);
    }

    /** An open hold of the window: the oldest events stay while it is open, up to 1.5 times the budget. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** Holds the window (a save of a live recording): close it when done. */
    public Hold hold() {
        holds.incrementAndGet();
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) holds.decrementAndGet();
        };
    }

    /** Told which events of which lane are about to be dropped: {@code [lane.firstIndex(), toIndex)}. */
    @FunctionalInterface
    public interface DropNotice {
        void beforeDrop(LaneEvents lane, int toIndex);
    }

    /**
     * Writer only: while over budget, drops the chunk whose newest event is the oldest of all
     * lanes' oldest chunks, so every lane keeps the same recent stretch of time (ftrace's
     * overwrite mode drops per CPU the same way). Never drops a lane's newest chunk.
     * @return chunks dropped
     */
    public int trimToBudget(DropNotice notice) {
        int dropped = 0;
        while (overBudget()) {
            LaneEvents victim = null;
            long oldest = Long.MAX_VALUE;
            for (LaneEvents l : lanes) {
                if (!l.canDrop()) continue;
                long end = l.oldestChunkEndTs();
                if (end < oldest) {
                    oldest = end;
                    victim = l;
                }
            }
            if (victim == null) break;
            notice.beforeDrop(victim, victim.dropEnd());
            victim.dropOldestChunk();
            dropped++;
        }
        return dropped;
    }

    /** What memory holds: every lane is complete from {@code fromTs} to {@code toTs}. */
    public RecordingWindow window() {
        long from = 0, dropped = 0;
        for (LaneEvents l : lanes) {
            long d = l.droppedEvents();
            if (d > 0) {
                dropped += d;
                from = Math.max(from, l.firstTs());
            }
        }
        return new RecordingWindow(from, endTs(), dropped);
    }
}
