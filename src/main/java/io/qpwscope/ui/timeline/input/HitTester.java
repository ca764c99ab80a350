package io.qpwscope.ui.timeline.input;

import io.qpwscope.ui.timeline.index.DenseField;
import io.qpwscope.ui.timeline.index.HostSplits;
import io.qpwscope.ui.timeline.index.LaneIndex;
import io.qpwscope.ui.timeline.index.LaneRow;
import io.qpwscope.ui.timeline.index.PixelSummary;
import io.qpwscope.ui.timeline.index.QueueTable;
import io.qpwscope.ui.timeline.index.SpanKind;
import io.qpwscope.ui.timeline.index.SpanTable;
import io.qpwscope.ui.timeline.index.TimelineSource;
import io.qpwscope.ui.timeline.render.FrameState;
import io.qpwscope.ui.timeline.render.HostSplitText;
import io.qpwscope.ui.timeline.render.HostStage;
import io.qpwscope.ui.timeline.render.KernelText;
import io.qpwscope.ui.timeline.render.StateStage;
import io.qpwscope.ui.timeline.render.TimeFormat;
import io.qpwscope.ui.timeline.render.TimelineRenderer;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.Trigger;
import io.qpwscope.trace.decode.LaneDecoder;
import io.qpwscope.trace.decode.SpanSink;
import io.qpwscope.trace.decode.SpanType;
import java.util.ArrayList;
import java.util.List;

/**
 * The renderer's hit model: what lies under a canvas point, found from the same index and
 * pixel summary the frame was drawn from (so a hover card never disagrees with the picture).
 * Allocates; called on mouse events, not per frame.
 */
public final class HitTester {
    private static final double TOLERANCE_PX = 3;
    private static final int MAX_SCAN = 4096;

    private HitTester() {}

    public static TimelineHit hit(TimelineRenderer r, double x, double y) {
        if (r.index == null || x < r.plotLeft()) return null;
        int lane = r.layout.laneAt(y);
        LaneRow row = r.layout.rowAt(y);
        if (lane < 0 || row == null) return null;
        double t = r.viewport.tOf(x - r.plotLeft());
        if (t > r.frame.dataEnd) return null;
        TimelineHit b = bookmark(r, lane, row, x, y);
        if (b != null) return b;
        double tol = TOLERANCE_PX * r.viewport.nsPerPx();
        TimelineHit d = dropped(r, lane, row, t);
        if (d != null) return d;
        TimelineHit h = span(r, lane, row, t, tol);
        if (row == LaneRow.TASK && (h == null || h.kind() == SpanKind.TASK_USER || h.kind() == SpanKind.TASK_IDLE)) {
            // what interrupts the task wins over the host band drawn over it
            TimelineHit smp = sample(r, lane, x, y, t);
            if (smp != null) return smp;
        }
        if (h != null) return h;
        if (row == LaneRow.LOCK) return lock(r, lane, x, t, tol);
        if (row == LaneRow.WORK) return queued(r, lane, t, tol);
        return null;
    }

    /** @return the "dropped from memory" stretch of the lane if t lies before its rolling window, or null. */
    private static TimelineHit dropped(TimelineRenderer r, int lane, LaneRow row, double t) {
        LaneIndex li = r.index.lane(lane);
        if (li.heldFromTs() <= t || li.firstTs() < 0 || t < li.firstTs()) return null;
        return new TimelineHit(lane, row, SpanKind.DROPPED, "Dropped from memory", li.firstTs(), li.heldFromTs(),
                List.of(where(r, lane, row), "the live recording keeps a rolling window within its memory budget",
                        "its records before " + TimeFormat.absolute(li.heldFromTs()) + " were dropped"));
    }

    /** @return the bookmark whose mark (line, head or text) is under (x, y) in this lane, or null. */
    private static TimelineHit bookmark(TimelineRenderer r, int lane, LaneRow row, double x, double y) {
        FrameState f = r.frame;
        if (f.bookmarkTs == null) return null;
        double headH = r.style.smallFont.getSize() * 1.5;
        for (int i = 0; i < f.bookmarkTs.length; i++) {
            double mx = r.bookmarks.markX(i);
            int cpu = f.bookmarkCpu[i];
            if (Double.isNaN(mx) || (cpu >= 0 && cpu != lane)) continue;
            boolean onLine = Math.abs(x - mx) <= TOLERANCE_PX + 1;
            double lr = r.bookmarks.labelRight(i);
            double top = r.bookmarks.markTop(i);
            boolean onText = !Double.isNaN(lr) && x >= mx && x <= lr && y >= top && y <= top + headH;
            if (!onLine && !onText) continue;
            long ts = f.bookmarkTs[i];
            return new TimelineHit(lane, row, null, "Bookmark: " + f.bookmarkText[i], ts, ts,
                    List.of(cpu < 0 ? "on all CPUs" : "on cpu" + cpu, "at " + TimeFormat.absolute(ts)));
        }
        return null;
    }

    /** @return the highest-priority span of the row around t (including remote holds of this lane's lock). */
    private static TimelineHit span(TimelineRenderer r, int lane, LaneRow row, double t, double tol) {
        SpanKind[] kinds = StateStage.ROW_KINDS[row.ordinal()];
        double bestRank = -1;
        int bestLane = -1, bestIdx = -1;
        SpanKind bestKind = null;
        for (int l = 0; l < r.index.cpus(); l++) {
            boolean own = l == lane;
            if (!own && (row != LaneRow.LOCK || (r.index.remoteHolders(lane) >>> l & 1) == 0)) continue;
            SpanTable st = r.index.lane(l).spans();
            int i = st.firstEndingAtOrAfter((long) (t - tol));
            int limit = st.limitFor((long) (t + tol));
            for (; i < limit; i++) {
                if (st.start(i) > t + tol) continue;
                SpanKind k = st.kind(i);
                if (!own) {
                    if (k != SpanKind.REMOTE_HOLDING || st.peer(i) != lane) continue;
                    k = SpanKind.REMOTE_HELD;
                }
                double rank = rank(kinds, k);
                if (k == SpanKind.TRIGGER && row == LaneRow.WORK) rank = 0;
                if (k == SpanKind.GAP) rank = 0;
                if (k == SpanKind.NOISE && row == LaneRow.TASK) rank = 1.5;
                if (rank < 0 || (k == SpanKind.TRIGGER && row != LaneRow.WORK)) continue;
                if (rank > bestRank || (rank == bestRank && st.start(i) <= t && st.end(i) >= t)) {
                    bestRank = rank;
                    bestLane = l;
                    bestIdx = i;
                    bestKind = k;
                }
            }
        }
        if (bestKind != null) return describe(r, lane, row, bestKind, bestLane, bestIdx);
        LaneIndex li = r.index.lane(lane);
        if (row == LaneRow.TASK && li.taskKind() != LaneIndex.TASK_UNKNOWN) {
            long since = li.taskSince();
            if (t >= since) {
                SpanKind k = LaneIndex.taskSpan(li.taskKind());
                return new TimelineHit(lane, row, k, cap(k.label) + " (now)", since, (long) r.frame.dataEnd,
                        List.of(where(r, lane, row), "since " + TimeFormat.absolute(since)));
            }
        }
        if (row == LaneRow.WORK && li.openWorkStart() >= 0 && t >= li.openWorkStart()) {
            SpanKind k = SpanKind.of(li.openWorkAttr() & 0xFF);
            return new TimelineHit(lane, row, k, cap(k.label) + " (running)", li.openWorkStart(), (long) r.frame.dataEnd,
                    List.of(where(r, lane, row), "work item #" + li.openWorkSeq()));
        }
        return null;
    }

    private static int rank(SpanKind[] kinds, SpanKind k) {
        for (int i = 0; i < kinds.length; i++) if (kinds[i] == k) return i + 1;
        return -1;
    }

    static TimelineHit describe(TimelineRenderer r, int lane, LaneRow row, SpanKind kind, int srcLane, int i) {
        SpanTable st = r.index.lane(srcLane).spans();
        long s = st.start(i), e = st.end(i);
        int peer = st.peer(i);
        Site site = Site.ofCode(st.fn(i));
        List<String> lines = new ArrayList<>();
        lines.add(where(r, lane, row));
        lines.add(TimeFormat.absolute(s) + "  →  " + TimeFormat.absolute(e));
        String title;
        switch (kind) {
            case INTERRUPTION -> {
                title = "Interruption " + TimeFormat.duration(e - s);
                lines.add("task off CPU to run work queued by cpu" + peer + ": " + site.kernelName);
                lines.addAll(KernelText.calls(site));
            }
            case REMOTE_HELD -> {
                title = "cpu" + lane + "'s lock held by cpu" + srcLane + " for " + TimeFormat.duration(e - s);
                lines.add(site.kernelName + " taken with " + KernelText.lockForm(st.flags(i)));
                lines.addAll(KernelText.calls(site));
            }
            case REMOTE_HOLDING -> {
                title = "cpu" + lane + " holds cpu" + peer + "'s lock for " + TimeFormat.duration(e - s);
                lines.add(site.kernelName + " taken with " + KernelText.lockForm(st.flags(i)));
                lines.addAll(KernelText.calls(site));
            }
            case SPIN -> {
                title = "Spin-wait " + TimeFormat.duration(e - s) + " on cpu" + peer + "'s lock";
                long holder = st.value(i);
                if (holder >= 0 && holder < 256) lines.add("held by cpu" + holder + " when the spin began");
                lines.addAll(KernelText.calls(site));
            }
            case WORK_INLINE, WORK_KWORKER -> {
                title = (kind == SpanKind.WORK_INLINE ? "Work run inline by the caller" : "Work run by kworker")
                        + " · " + TimeFormat.duration(e - s);
                lines.add(site.kernelName + " on cpu" + peer + "'s data, work item #" + st.value(i));
                lines.addAll(KernelText.calls(site));
            }
            case FLUSH_WAIT -> {
                title = "Flush wait " + TimeFormat.duration(e - s);
                lines.add("caller waited for cpu" + peer + "'s " + site.kernelName);
                lines.add("v3: flush_percpu_work(&w)   v4: pw_flush(&w)");
            }
            case TRIGGER -> {
                Trigger tr = Trigger.ofCode(st.fn(i));
                title = tr.command + " · " + TimeFormat.duration(e - s);
                lines.add(KernelText.chain(tr));
            }
            case NOISE -> {
                title = "Noise " + TimeFormat.duration(e - s);
                lines.add("gap measured by the task's own loop (osnoise-style)");
            }
            case GAP -> {
                title = "Not indexed: " + TimeFormat.count(st.value(i)) + " records skipped";
                lines.add("the UI fell behind the engine (CPU threads and UI share the cores)");
                lines.add("the records are in the recording; only this view skipped them");
            }
            case MODE_SWITCH -> {
                title = "Live switch to qpw=" + st.flags(i) + " (quiesce " + TimeFormat.duration(e - s) + ")";
                lines.add("all CPUs stopped, as stop_machine would");
            }
            default -> title = cap(kind.label) + " · " + TimeFormat.duration(e - s);
        }
        String split = splitText(r, kind, srcLane, i);
        if (split != null) lines.add(1, split);
        return new TimelineHit(lane, row, kind, title, s, e, List.copyOf(lines));
    }

    /** @return the kernel / host split of span i of a lane, or null if it carries none. */
    static String splitText(TimelineRenderer r, SpanKind kind, int srcLane, int i) {
        HostSplits hs = r.index.lane(srcLane).hostSplits();
        int k = hs.find(i);
        if (k < 0) return null;
        SpanTable st = r.index.lane(srcLane).spans();
        long wall = st.end(i) - st.start(i), steal = hs.steal(k), pause = hs.pause(k);
        int measured = hs.measuredCpu(k);
        return switch (kind) {
            case INTERRUPTION -> HostSplitText.interruption(wall, steal, pause, r.index.source().modelledCosts());
            case SPIN -> measured >= 0 && measured != srcLane
                    ? HostSplitText.offCore("holder", measured, "spin", wall, steal, pause)
                    : HostSplitText.split("spin", wall, steal, pause);
            case FLUSH_WAIT -> measured >= 0 && measured != srcLane
                    ? HostSplitText.offCore("target", measured, "flush wait", wall, steal, pause)
                    : HostSplitText.split("flush wait", wall, steal, pause);
            case NOISE -> HostSplitText.split("noise", wall, steal, pause);
            case REMOTE_HOLDING, REMOTE_HELD -> HostSplitText.split("hold", wall, steal, pause);
            default -> null;
        };
    }

    /**
     * @return the host sample under (x, y) when y lies in the hatched band the frame drew at
     *         the top of the task row, or null
     */
    private static TimelineHit sample(TimelineRenderer r, int lane, double x, double y, double t) {
        int px = (int) (x - r.plotLeft());
        PixelSummary sum = r.summary;
        if (px < 0 || px >= sum.columns()) return null;
        double h = r.layout.rowHeight(LaneRow.TASK);
        double pad = Math.max(1, Math.floor(h * 0.12));
        double top = r.layout.rowTop(lane, LaneRow.TASK) + pad;
        double band = HostStage.bandHeight(sum.hostShare(lane, false, px), sum.hostShare(lane, true, px), h - 2 * pad);
        if (band <= 0 || y < top || y > top + band + 1) return null;
        for (int l = 0; l < r.index.cpus(); l++) {
            SpanTable st = r.index.lane(l).samples();
            int limit = st.limitFor((long) t);
            for (int i = st.firstEndingAtOrAfter((long) t); i < limit; i++) {
                int measured = st.peer(i) >= 0 ? st.peer(i) : l;
                if (measured != lane || st.start(i) > t) continue;
                long s = st.start(i), e = st.end(i), v = st.value(i);
                long steal = LaneIndex.sampleSteal(v), pause = LaneIndex.samplePause(v);
                return new TimelineHit(lane, LaneRow.TASK, SpanKind.HOST_SAMPLE,
                        cap(HostSplitText.sample(lane, e - s, steal, pause)), s, e, List.of(
                        where(r, lane, LaneRow.TASK),
                        TimeFormat.absolute(s) + "  →  " + TimeFormat.absolute(e),
                        "steal: the CPU's thread was runnable but waited for a host core",
                        "pause: the thread was neither running nor runnable (the VM's vCPU was descheduled)",
                        "where in the window is not known: the band's height is the share",
                        "meanwhile the emulated CPU was frozen: latency seen here may be the host's"));
            }
        }
        return null;
    }

    private static TimelineHit lock(TimelineRenderer r, int lane, double x, double t, double tol) {
        TimelineSource src = r.index.source();
        LaneIndex li = r.index.lane(lane);
        int n = li.indexed();
        int px = (int) (x - r.plotLeft());
        PixelSummary sum = r.summary;
        if (px >= 0 && px < sum.columns() && sum.events(lane, px) > 64) {
            double c0 = r.viewport.tOf(px), c1 = r.viewport.tOf(px + 1);
            int i0 = PixelSummary.lowerBound(src, lane, (long) Math.ceil(c0), Math.min(li.heldFrom(), n), n);
            int i1 = PixelSummary.lowerBound(src, lane, (long) Math.ceil(c1), i0, n);
            long[] a = new long[DenseField.COUNT], b = new long[DenseField.COUNT];
            li.cumulativeAt(src, i0, a);
            li.cumulativeAt(src, i1, b);
            long ops = b[DenseField.LOCK_OPS] - a[DenseField.LOCK_OPS];
            long ns = b[DenseField.LOCK_NS] - a[DenseField.LOCK_NS];
            long spin = b[DenseField.SPIN_LOCK_OPS] - a[DenseField.SPIN_LOCK_OPS];
            double pct = 100.0 * ns / Math.max(1, c1 - c0);
            return new TimelineHit(lane, LaneRow.LOCK, null,
                    TimeFormat.count(i1 - i0) + " records in this pixel (" + TimeFormat.duration(c1 - c0) + ")",
                    (long) c0, (long) c1, List.of(where(r, lane, LaneRow.LOCK),
                    TimeFormat.count(ops) + " local lock ops, " + TimeFormat.count(spin) + " of them spin_lock",
                    String.format(java.util.Locale.ROOT, "local locks held %.1f %% of the time", Math.min(100, pct)),
                    "zoom in to see single operations"));
        }
        int lo = PixelSummary.lowerBound(src, lane, (long) (t - tol), Math.min(li.heldFrom(), n), n);
        int end = Math.min(n, lo + MAX_SCAN);
        LocalHoldAt h = new LocalHoldAt(t, tol);
        LaneDecoder d = new LaneDecoder(h);
        if (lo < end) d.skip(lo, src.ts(lane, lo), LaneDecoder.TASK_UNKNOWN);
        for (int i = lo; i < end && !h.done; i++) d.event(src.ts(lane, i), src.meta(lane, i), src.payload(lane, i));
        if (h.end < 0) return null;
        Site site = Site.ofCode(h.fn);
        List<String> lines = new ArrayList<>();
        lines.add(where(r, lane, LaneRow.LOCK));
        lines.add(TimeFormat.absolute(h.start) + "  →  " + TimeFormat.absolute(h.end));
        lines.add(site.kernelName + " taken with " + KernelText.lockForm(h.flags));
        lines.addAll(KernelText.calls(site));
        return new TimelineHit(lane, LaneRow.LOCK, SpanKind.LOCK_LOCAL,
                "Local lock held " + TimeFormat.duration(h.end - h.start), h.start, h.end, List.copyOf(lines));
    }

    /** The first local lock hold the decoder reports that overlaps t ± tol (holds arrive in end order). */
    private static final class LocalHoldAt implements SpanSink {
        private final double t, tol;
        boolean done;
        long start, end = -1;
        int fn, flags;

        LocalHoldAt(double t, double tol) {
            this.t = t;
            this.tol = tol;
        }

        @Override
        public void span(SpanType type, long s, long e, int peer, int f, int attr, long value, int depth, int fl, int index) {
            if (done || type != SpanType.LOCK_LOCAL) return;
            if (s > t + tol) {
                done = true;
                return;
            }
            if (e < t - tol) return;
            start = s;
            end = e;
            fn = f;
            flags = attr;
            done = true;
        }
    }

    private static TimelineHit queued(TimelineRenderer r, int lane, double t, double tol) {
        QueueTable q = r.index.lane(lane).queued();
        int i = q.lowerBound((long) (t - tol));
        if (i >= q.size() || q.queuedTs(i) > t + tol) return null;
        Site site = Site.ofCode(q.fn(i));
        List<String> lines = new ArrayList<>();
        lines.add(where(r, lane, LaneRow.WORK));
        lines.add("queued at " + TimeFormat.absolute(q.queuedTs(i)) + " for cpu" + q.target(i));
        if (q.startLane(i) == QueueTable.PENDING || q.startTs(i) > r.frame.dataEnd) {
            lines.add("not started yet (pending " + TimeFormat.duration((long) r.frame.dataEnd - q.queuedTs(i)) + ")");
        } else {
            lines.add("started " + TimeFormat.duration(q.startTs(i) - q.queuedTs(i)) + " later on cpu" + q.startLane(i)
                    + (q.inline(i) ? ", inline by the caller" : ", by its kworker"));
        }
        lines.addAll(KernelText.calls(site));
        return new TimelineHit(lane, LaneRow.WORK, null, "Work queued: " + site.kernelName + " #" + q.seq(i),
                q.queuedTs(i), q.queuedTs(i), List.copyOf(lines));
    }

    private static String where(TimelineRenderer r, int lane, LaneRow row) {
        return "cpu" + lane + (r.index.source().isolated(lane) ? " (isolated)" : "") + " · " + row.label + " row";
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
