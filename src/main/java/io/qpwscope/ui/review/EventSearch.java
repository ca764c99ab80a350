package io.qpwscope.ui.review;

import io.qpwscope.trace.EventType;
import io.qpwscope.trace.LaneEvents;
import io.qpwscope.trace.Recording;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.TraceDescriptor;
import io.qpwscope.trace.decode.SpanType;
import java.util.Optional;

/**
 * Finds events of a recording by type, CPU and work function, one hit at a time in time
 * order over all lanes. Hits are ordered by (ts, cpu, index), so events with equal
 * timestamps on different lanes are each visited once. A step scans each lane from its
 * binary-searched position; no index is built, so the cost is proportional to the events
 * skipped, not to the recording.
 */
public final class EventSearch {
    /**
     * What to look for; a null or negative field matches anything.
     *
     * @param type event type
     * @param cpu  the lane (CPU whose thread wrote the event)
     * @param site lock or work function ({@code fn} of the record); never matches a TRIGGER,
     *             whose {@code fn} is a trigger code
     */
    public record Query(EventType type, int cpu, Site site) {
        public static final Query ANY = new Query(null, -1, null);

        boolean matches(long meta) {
            int t = TraceDescriptor.type(meta);
            if (type != null && t != type.code) return false;
            if (site != null && (t == EventType.TRIGGER.code || TraceDescriptor.fn(meta) != site.code)) return false;
            return true;
        }
    }

    /** One event found: its lane and index there, and the record. */
    public record Hit(int cpu, int index, long ts, long meta, long payload) {
        public EventType type() {
            return EventType.ofCode(TraceDescriptor.type(meta));
        }

        /** For events whose payload is a duration ending at ts (see {@link EventType}), the duration; else 0. */
        public long durationNs() {
            return SpanType.durationOf(meta, payload);
        }

        public String describe() {
            return TraceDescriptor.describe(ts, meta, payload);
        }

        boolean after(long t, int c, int i) {
            return ts != t ? ts > t : cpu != c ? cpu > c : index > i;
        }
    }

    private final Recording recording;

    public EventSearch(Recording recording) {
        this.recording = recording;
    }

    /** @return the first hit after {@code from} (or the very first if {@code from} is null). */
    public Optional<Hit> next(Query q, Hit from) {
        Hit best = null;
        for (int c = 0; c < recording.cpus(); c++) {
            if (q.cpu() >= 0 && q.cpu() != c) continue;
            LaneEvents lane = recording.lane(c);
            int size = lane.size();
            for (int i = from == null ? lane.firstIndex() : lane.lowerBound(from.ts()); i < size; i++) {
                long ts = lane.ts(i);
                if (best != null && ts > best.ts()) break;
                if (from != null && !(ts > from.ts() || (ts == from.ts() && (c > from.cpu() || (c == from.cpu() && i > from.index()))))) continue;
                long meta = lane.meta(i);
                if (!q.matches(meta)) continue;
                Hit h = new Hit(c, i, ts, meta, lane.payload(i));
                if (best == null || best.after(h.ts(), h.cpu(), h.index())) best = h;
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    /** @return the last hit before {@code from} (or the very last if {@code from} is null). */
    public Optional<Hit> previous(Query q, Hit from) {
        Hit best = null;
        for (int c = 0; c < recording.cpus(); c++) {
            if (q.cpu() >= 0 && q.cpu() != c) continue;
            LaneEvents lane = recording.lane(c);
            int size = lane.size();
            int start = from == null || from.ts() == Long.MAX_VALUE ? size - 1 : Math.min(size, lane.lowerBound(from.ts() + 1)) - 1;
            for (int i = start, first = lane.firstIndex(); i >= first; i--) {
                long ts = lane.ts(i);
                if (best != null && ts < best.ts()) break;
                if (from != null && !from.after(ts, c, i)) continue;
                long meta = lane.meta(i);
                if (!q.matches(meta)) continue;
                Hit h = new Hit(c, i, ts, meta, lane.payload(i));
                if (best == null || h.after(best.ts(), best.cpu(), best.index())) best = h;
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    /** @return the {@code n}-th (0-based) hit in time order. */
    public Optional<Hit> nth(Query q, int n) {
        Optional<Hit> h = next(q, null);
        for (int k = 0; k < n && h.isPresent(); k++) h = next(q, h.get());
        return h;
    }

    /** @return how many events match (one pass over the lanes searched). */
    public long count(Query q) {
        long n = 0;
        for (int c = 0; c < recording.cpus(); c++) {
            if (q.cpu() >= 0 && q.cpu() != c) continue;
            LaneEvents lane = recording.lane(c);
            for (int i = lane.firstIndex(), size = lane.size(); i < size; i++) if (q.matches(lane.meta(i))) n++;
        }
        return n;
    }
}
