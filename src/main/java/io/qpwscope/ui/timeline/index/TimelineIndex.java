package io.qpwscope.ui.timeline.index;

import java.util.Arrays;

/**
 * Everything the renderer needs from a {@link TimelineSource}, indexed incrementally on the FX
 * thread: one {@link LaneIndex} per CPU plus the links between lanes (work arrows, remote
 * lock holders, mode switches, triggers). {@link #catchUp(int)} is called once per frame with
 * an event budget, so a 10 M-event recording is indexed over a few frames instead of
 * freezing the UI, and a live one costs only the events that arrived since the last frame.
 *
 * <p>A live recording rolls (its oldest events are dropped to stay in its memory budget):
 * {@link #catchUp(int)} first makes every lane follow the window ({@link #followWindow()}), so
 * the index holds only what the recording holds and its heap stays bounded however long the
 * session runs. Event and row numbers stay absolute.
 */
public final class TimelineIndex {
    private final TimelineSource source;
    private final LaneIndex[] lanes;
    /** remoteHolders[owner] bit h = CPU h has held owner's lock at some point. */
    private final long[] remoteHolders;
    private final long[] interruptions;
    private final long[] interruptionMaxNs;
    /** Work queued but not started: seq -> (lane &lt;&lt; 32 | queue row). */
    private final LongLongMap pendingQueued = new LongLongMap();
    /** Work started before its WORK_QUEUED was indexed: seq -> start ts / lane info. */
    private final LongLongMap earlyStartTs = new LongLongMap();
    private final LongLongMap earlyStartInfo = new LongLongMap();
    private long maxQueueLatency;
    private long[] modeSwitches = new long[16];
    private int modeSwitchCount;
    private long[] triggers = new long[64];
    private int triggerCount;
    private long lastTriggerStart = -1;
    private int lastTriggerLane = -1;
    private long endTs;
    /** Scratch rows for bulk reads while indexing (3 longs per record). */
    private final long[] rows = new long[3 * 4096];

    public TimelineIndex(TimelineSource source) {
        this.source = source;
        int n = source.cpus();
        this.lanes = new LaneIndex[n];
        for (int c = 0; c < n; c++) lanes[c] = new LaneIndex(c);
        this.remoteHolders = new long[n];
        this.interruptions = new long[n];
        this.interruptionMaxNs = new long[n];
    }

    public TimelineSource source() { return source; }

    long[] rowBuffer() { return rows; }

    public int cpus() { return lanes.length; }

    public LaneIndex lane(int cpu) { return lanes[cpu]; }

    /** @return latest indexed timestamp over all lanes. */
    public long endTs() { return endTs; }

    /** @return earliest indexed timestamp over all lanes (0 if empty). */
    public long startTs() {
        long t = Long.MAX_VALUE;
        for (LaneIndex l : lanes) if (l.firstTs() >= 0) t = Math.min(t, l.firstTs());
        return t == Long.MAX_VALUE ? 0 : t;
    }

    /** @return bit mask of CPUs that have held {@code owner}'s per-CPU lock remotely. */
    public long remoteHolders(int owner) { return remoteHolders[owner]; }

    public long interruptions(int cpu) { return interruptions[cpu]; }

    public long interruptionMaxNs(int cpu) { return interruptionMaxNs[cpu]; }

    /** Longest time from WORK_QUEUED to WORK_START seen so far (pending work: see QueueTable#firstPending). */
    public long maxQueueLatency() { return maxQueueLatency; }

    public int pendingWork() { return pendingQueued.size(); }

    public int modeSwitchCount() { return modeSwitchCount; }

    /** @return (lane &lt;&lt; 32 | span row) of the k-th mode switch. */
    public long modeSwitch(int k) { return modeSwitches[k]; }

    public int triggerCount() { return triggerCount; }

    /** @return (lane &lt;&lt; 32 | span row) of the k-th completed trigger. */
    public long trigger(int k) { return triggers[k]; }

    /** @return start ts of the most recent trigger (running or completed), or -1. */
    public long lastTriggerStart() { return lastTriggerStart; }

    public int lastTriggerLane() { return lastTriggerLane; }

    /** @return true when every published event has been indexed. */
    public boolean caughtUp() {
        for (int c = 0; c < lanes.length; c++) if (lanes[c].indexed() < source.size(c)) return false;
        return true;
    }

    public long indexedEvents() {
        long n = 0;
        for (LaneIndex l : lanes) n += l.indexed();
        return n;
    }

    /** Events per step of {@link #catchUp}: small enough that lanes advance together in time. */
    public static final int SLICE = 16_384;

    /**
     * Indexes up to {@code budget} newly published events, always advancing the lane that is
     * furthest behind in time, so that all lanes reach the same time together.
     * @return number of events indexed
     */
    public int catchUp(int budget) {
        followWindow();
        int done = 0;
        while (done < budget) {
            int best = -1;
            long bestTs = Long.MAX_VALUE;
            for (int c = 0; c < lanes.length; c++) {
                LaneIndex l = lanes[c];
                if (l.indexed() >= source.size(c)) continue;
                long t = l.firstTs() < 0 ? source.ts(c, l.indexed()) : l.lastTs();
                if (t < bestTs) {
                    bestTs = t;
                    best = c;
                }
            }
            if (best < 0) break;
            LaneIndex lane = lanes[best];
            int have = lane.indexed();
            int limit = (int) Math.min(source.size(best), (long) have + Math.min(SLICE, budget - done));
            lane.index(source, limit, this);
            if (lane.lastTs() > endTs) endTs = lane.lastTs();
            if (lane.indexed() < limit) {
                // the window rolled past the rows being read: restart at its new edge next time
                followWindow();
                done += Math.max(0, lane.indexed() - have);
                break;
            }
            done += limit - have;
        }
        return done;
    }

    /**
     * Drops from every lane what the source no longer holds (spans, queue rows, prefix-sum
     * blocks, gaps, and the mode switches, triggers and pending links that referred to them).
     * A lane whose indexing had not reached the window restarts at its edge, and then work
     * whose start may have been jumped over is no longer linked (as after a skip).
     * @return whether anything was dropped
     */
    public boolean followWindow() {
        boolean dropped = false, jumped = false;
        for (int c = 0; c < lanes.length; c++) {
            LaneIndex l = lanes[c];
            int first = source.firstIndex(c);
            if (first <= l.heldFrom()) continue;
            dropped = true;
            jumped |= l.followWindow(source, first, pendingQueued::remove);
            if (l.lastTs() > endTs) endTs = l.lastTs();
        }
        if (!dropped) return false;
        if (jumped) {
            pendingQueued.clear();
            earlyStartTs.clear();
            earlyStartInfo.clear();
            for (LaneIndex l : lanes) l.queued().abandonPending();
        } else {
            earlyStartTs.removeValuesBelow(windowStartTs(), earlyStartInfo);
        }
        modeSwitchCount = retainHeld(modeSwitches, modeSwitchCount);
        triggerCount = retainHeld(triggers, triggerCount);
        return true;
    }

    /** @return the latest {@link LaneIndex#heldFromTs()} over lanes: before it some lane dropped data (-1: none). */
    public long windowStartTs() {
        long t = -1;
        for (LaneIndex l : lanes) t = Math.max(t, l.heldFromTs());
        return t;
    }

    /** Keeps the (lane &lt;&lt; 32 | span row) references whose span is still held; @return their count. */
    private int retainHeld(long[] refs, int n) {
        int kept = 0;
        for (int k = 0; k < n; k++) {
            long ref = refs[k];
            if ((int) ref >= lanes[(int) (ref >>> 32)].spans().first()) refs[kept++] = ref;
        }
        return kept;
    }

    /**
     * The time up to which every lane is indexed: the least indexed time among lanes that
     * still have records to index (lanes with nothing new do not hold it back).
     */
    public long frontier() {
        long t = Long.MAX_VALUE;
        for (int c = 0; c < lanes.length; c++) {
            LaneIndex l = lanes[c];
            if (l.indexed() >= source.size(c)) continue;
            long lt = l.firstTs() < 0 ? source.ts(c, 0) : l.lastTs();
            t = Math.min(t, lt);
        }
        return t == Long.MAX_VALUE ? endTs : Math.min(t, endTs);
    }

    /** @return the newest published timestamp over all lanes (indexed or not). */
    public long publishedEnd() {
        long t = endTs;
        for (int c = 0; c < lanes.length; c++) {
            int n = source.size(c);
            if (n > 0) t = Math.max(t, source.ts(c, n - 1));
        }
        return t;
    }

    /** Events skipped over all lanes because the UI fell behind. */
    public long skipped() {
        long n = 0;
        for (LaneIndex l : lanes) n += l.skipped();
        return n;
    }

    /**
     * When indexing lags the engine by more than {@code maxLagNs} of trace time, skips every
     * lagging lane forward to about {@code keepNs} before the newest record, leaving marked
     * gaps: the live view stays live on a machine too busy to index everything. Work whose
     * start may lie in a gap is no longer linked.
     * @return whether anything was skipped
     */
    public boolean skipAheadIfBehind(long maxLagNs, long keepNs) {
        long newest = publishedEnd();
        if (newest - frontier() <= maxLagNs) return false;
        long target = newest - keepNs;
        followWindow();
        boolean any = false;
        for (int c = 0; c < lanes.length; c++) {
            LaneIndex l = lanes[c];
            int n = source.size(c);
            if (l.indexed() >= n) continue;
            int aligned = Math.min(n, (l.indexed() + DenseField.BLOCK - 1) & ~(DenseField.BLOCK - 1));
            if (aligned > l.indexed()) l.index(source, aligned, this);
            if (l.indexed() < aligned || (l.indexed() & (DenseField.BLOCK - 1)) != 0) continue; // the window rolled meanwhile
            int to = PixelSummary.lowerBound(source, c, target, l.indexed(), n) & ~(DenseField.BLOCK - 1);
            if (to > l.indexed()) {
                l.skipTo(source, to);
                any = true;
            }
            if (l.lastTs() > endTs) endTs = l.lastTs();
        }
        if (any) {
            pendingQueued.clear();
            earlyStartTs.clear();
            earlyStartInfo.clear();
            for (LaneIndex l : lanes) l.queued().abandonPending();
        }
        return any;
    }

    void noteRemoteHold(int owner, int holder) {
        if (owner >= 0 && owner < remoteHolders.length) remoteHolders[owner] |= 1L << holder;
    }

    void noteInterruption(int cpu, long ns) {
        interruptions[cpu]++;
        if (ns > interruptionMaxNs[cpu]) interruptionMaxNs[cpu] = ns;
    }

    void noteQueued(int cpu, int row, long seq) {
        long ts = earlyStartTs.remove(seq);
        if (ts != LongLongMap.MISSING) {
            long info = earlyStartInfo.remove(seq);
            link(cpu, row, (int) (info & 0xFF), ts, (info & 0x100) != 0);
        } else {
            pendingQueued.put(seq, (long) cpu << 32 | row);
        }
    }

    void noteStarted(int cpu, long ts, long seq, boolean inline, int fn) {
        long ref = pendingQueued.remove(seq);
        if (ref != LongLongMap.MISSING) {
            link((int) (ref >>> 32), (int) ref, cpu, ts, inline);
        } else {
            earlyStartTs.put(seq, ts);
            earlyStartInfo.put(seq, cpu | (inline ? 0x100 : 0));
        }
        if (!inline) abandonOvertaken(cpu, fn, seq);
    }

    /**
     * A kworker runs a CPU's items of one work function in queue order, so once item
     * {@code seq} starts, any earlier item of that function for that CPU still pending has
     * run too: its WORK_START was lost (a full trace ring drops records). Mark it lost rather
     * than draw it as pending for ever.
     */
    private void abandonOvertaken(int cpu, int fn, long seq) {
        for (LaneIndex l : lanes) {
            QueueTable q = l.queued();
            for (int i = q.firstPending(); i < q.size(); i++) {
                if (q.startLane(i) == QueueTable.PENDING && q.target(i) == cpu && q.fn(i) == fn && q.seq(i) < seq) {
                    q.markLost(i);
                    pendingQueued.remove(q.seq(i));
                }
            }
        }
    }

    private void link(int qLane, int row, int startLane, long startTs, boolean inline) {
        QueueTable q = lanes[qLane].queued();
        q.link(row, startLane, startTs, inline);
        long latency = startTs - q.queuedTs(row);
        if (latency > maxQueueLatency) maxQueueLatency = latency;
    }

    void noteModeSwitch(int cpu, int row) {
        if (modeSwitchCount == modeSwitches.length) modeSwitches = Arrays.copyOf(modeSwitches, modeSwitchCount * 2);
        modeSwitches[modeSwitchCount++] = (long) cpu << 32 | row;
    }

    void noteTriggerStart(int cpu, long ts) {
        lastTriggerStart = ts;
        lastTriggerLane = cpu;
    }

    void noteTrigger(int cpu, int row) {
        if (triggerCount == triggers.length) triggers = Arrays.copyOf(triggers, triggerCount * 2);
        triggers[triggerCount++] = (long) cpu << 32 | row;
        long s = lanes[cpu].spans().start(row);
        if (s >= lastTriggerStart) {
            lastTriggerStart = s;
            lastTriggerLane = cpu;
        }
    }
}
