package io.qpwscope.trace.decode;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps every callback as a comparable row, for grammar tests. */
final class Recorded implements SpanSink {
    record Span(SpanType type, long start, long end, int peer, int fn, int attr, long value, int depth, int flags, int index) {}

    record Instant(InstantType type, long ts, int peer, int fn, int attr, long value, int index) {}

    final List<Object> all = new ArrayList<>();
    final List<Span> spans = new ArrayList<>();
    final List<Instant> instants = new ArrayList<>();

    @Override
    public void span(SpanType type, long start, long end, int peer, int fn, int attr, long value, int depth, int flags, int index) {
        Span s = new Span(type, start, end, peer, fn, attr, value, depth, flags, index);
        spans.add(s);
        all.add(s);
    }

    @Override
    public void instant(InstantType type, long ts, int peer, int fn, int attr, long value, int index) {
        Instant i = new Instant(type, ts, peer, fn, attr, value, index);
        instants.add(i);
        all.add(i);
    }

    List<Span> of(SpanType type) {
        return spans.stream().filter(s -> s.type() == type).toList();
    }
}
