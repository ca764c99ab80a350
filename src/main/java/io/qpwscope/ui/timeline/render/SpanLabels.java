package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.index.SpanKind;
import io.qpwscope.trace.Site;
import io.qpwscope.trace.Trigger;

/**
 * Text of the labels drawn on spans, keyed by a long that packs everything the text depends
 * on, so that {@link LabelCache} can hand back the same String frame after frame.
 */
final class SpanLabels {
    private SpanLabels() {}

    /** Long form (function names); the short form fits narrow spans. */
    static final int LONG = 1;
    static final int SHORT = 0;

    static long key(int kindOrdinal, int peer, int fn, long value, int variant) {
        long v = Math.max(0, Math.min(value, (1L << 38) - 1));
        return (long) kindOrdinal << 56 | (long) ((peer + 1) & 0xFF) << 48 | (long) (fn & 0xFF) << 40
                | (long) (variant & 3) << 38 | v;
    }

    /**
     * Key of the label of a span that carries a host split: as {@link #key} with the host's
     * share in percent (0..100) in bits 31..37 of the value field (the value itself capped at
     * 2^31 - 1 ns, about 2.1 s).
     */
    static long hostKey(int kindOrdinal, int peer, int fn, long value, int variant, int hostPercent) {
        long v = Math.max(0, Math.min(value, (1L << 31) - 1)) | (long) Math.max(0, Math.min(100, hostPercent)) << 31;
        return key(kindOrdinal, peer, fn, v, variant);
    }

    /** Text of a {@link #hostKey}: the span's label and "· 98 % host". */
    static String hostText(long key) {
        long v = key & ((1L << 38) - 1);
        long value = v & ((1L << 31) - 1);
        int pct = (int) (v >>> 31);
        return text(key & ~((1L << 38) - 1) | value) + " · " + pct + " % host";
    }

    static String text(long key) {
        SpanKind kind = SpanKind.of((int) (key >>> 56));
        int peer = (int) (key >>> 48 & 0xFF) - 1;
        int fn = (int) (key >>> 40 & 0xFF);
        boolean longForm = (key >>> 38 & 3) == LONG;
        long value = key & ((1L << 38) - 1);
        return switch (kind) {
            case INTERRUPTION -> TimeFormat.duration(value) + (longForm && peer >= 0 ? " ← cpu" + peer : "");
            case REMOTE_HOLDING -> longForm ? "holds cpu" + peer + "'s lock" : "cpu" + peer + "'s lock";
            case REMOTE_HELD -> longForm ? "held by cpu" + peer : "cpu" + peer;
            case SPIN -> longForm ? "spin " + TimeFormat.duration(value) : "spin";
            case NOISE -> longForm ? "noise " + TimeFormat.duration(value) : TimeFormat.duration(value);
            case FLUSH_WAIT -> longForm ? "flush wait " + TimeFormat.duration(value) : "flush";
            case WORK_INLINE -> longForm ? Site.ofCode(fn).kernelName + " · cpu" + peer + " · inline" : "inline";
            case WORK_KWORKER -> longForm ? Site.ofCode(fn).kernelName + " · kworker" : "kworker";
            case TRIGGER -> longForm ? Trigger.ofCode(fn).command : Trigger.ofCode(fn).id;
            case TASK_KWORKER -> "kworker";
            case MODE_SWITCH -> "qpw=" + value;
            default -> kind.label;
        };
    }
}
