package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.index.HostSplits;
import io.qpwscope.ui.timeline.index.LaneIndex;
import io.qpwscope.ui.timeline.index.LaneRow;
import io.qpwscope.ui.timeline.index.SpanKind;
import io.qpwscope.ui.timeline.index.SpanTable;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Labels on spans wide enough to carry them (interruption durations, "held by cpu0",
 * inline vs kworker, flush waits), trigger brackets, and a marker above every interruption
 * of an isolated CPU, coalesced to one per few pixels. Labels never overlap: each row keeps
 * the right edge of its last label.
 */
final class LabelStage implements TimelineRenderer.RenderStage {
    private static final double CHAR_WIDTH = 0.58;
    private final LabelCache labels = new LabelCache(16384, SpanLabels::text);
    private final LabelCache hostLabels = new LabelCache(4096, SpanLabels::hostText);
    /** Host share (%) of the span being labelled, or -1 if it carries no split. */
    private int hostPercent = -1;
    /** lastRight[lane * 3 + row]: canvas x where the row's last label ended. */
    private double[] lastRight = new double[0];
    private double[] lastMarker = new double[0];

    @Override
    public void draw(TimelineRenderer r, GraphicsContext gc) {
        int n = r.layout.lanes();
        if (lastRight.length != n * 3) {
            lastRight = new double[n * 3];
            lastMarker = new double[n];
        }
        java.util.Arrays.fill(lastRight, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(lastMarker, Double.NEGATIVE_INFINITY);
        gc.setFont(r.style.smallFont);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        double t0 = r.viewport.startNs();
        double t1 = Math.min(r.viewport.endNs(), r.frame.dataEnd);
        if (t1 <= t0) return;
        for (int l = 0; l < n; l++) {
            SpanTable st = r.index.lane(l).spans();
            HostSplits hs = r.index.lane(l).hostSplits();
            int i = st.firstEndingAtOrAfter((long) Math.floor(t0));
            int limit = st.limitFor((long) Math.ceil(t1));
            int split = hs.firstAtOrAfter(i);
            for (; i < limit; i++) {
                long s = st.start(i);
                while (split < hs.size() && hs.spanIndex(split) < i) split++;
                if (s > t1) continue;
                hostPercent = split < hs.size() && hs.spanIndex(split) == i
                        ? hostPercent(st.end(i) - s, hs.steal(split) + hs.pause(split)) : -1;
                double e = Math.min(st.end(i), r.frame.dataEnd);
                SpanKind k = st.kind(i);
                switch (k) {
                    case INTERRUPTION -> {
                        if (!r.visible(l)) break;
                        marker(r, gc, l, s, e);
                        span(r, gc, l, LaneRow.TASK, k, st.peer(i), st.fn(i), st.value(i), s, e);
                    }
                    case REMOTE_HOLDING -> {
                        if (r.visible(l)) span(r, gc, l, LaneRow.LOCK, k, st.peer(i), st.fn(i), 0, s, e);
                        int owner = st.peer(i);
                        if (r.visible(owner)) span(r, gc, owner, LaneRow.LOCK, SpanKind.REMOTE_HELD, l, st.fn(i), 0, s, e);
                    }
                    case SPIN, NOISE, FLUSH_WAIT -> {
                        if (r.visible(l)) span(r, gc, l, k.row, k, st.peer(i), st.fn(i), (long) (e - s), s, e);
                    }
                    case WORK_INLINE, WORK_KWORKER -> {
                        if (r.visible(l)) span(r, gc, l, LaneRow.WORK, k, st.peer(i), st.fn(i), 0, s, e);
                    }
                    case TRIGGER -> {
                        if (r.visible(l)) bracket(r, gc, l, st.fn(i), s, e);
                    }
                    case GAP -> {
                        if (r.visible(l)) gap(r, gc, l, s, e, "not indexed: UI behind");
                    }
                    default -> { }
                }
            }
            LaneIndex lane = r.index.lane(l);
            if (r.visible(l) && lane.heldFromTs() > t0) {
                gap(r, gc, l, Math.max(lane.firstTs(), t0), Math.min(lane.heldFromTs(), t1), "dropped from memory");
            }
            if (r.visible(l) && lane.openTriggerStart() >= 0 && lane.openTriggerStart() <= t1) {
                bracket(r, gc, l, lane.openTriggerFn(), lane.openTriggerStart(), r.frame.dataEnd);
            }
        }
    }

    private void marker(TimelineRenderer r, GraphicsContext gc, int lane, double s, double e) {
        double x = Math.floor(r.x((s + e) / 2));
        if (x < r.plotLeft() || x - lastMarker[lane] < 4) return;
        lastMarker[lane] = x;
        double y = r.layout.laneTop(lane);
        double m = 5 * r.style.scale;
        gc.setFill(Palette.VERMILLION);
        gc.fillPolygon(triX(x, m), triY(y, m), 3);
    }

    private final double[] tx = new double[3];
    private final double[] ty = new double[3];

    private double[] triX(double x, double m) {
        tx[0] = x - m; tx[1] = x + m; tx[2] = x;
        return tx;
    }

    private double[] triY(double y, double m) {
        ty[0] = y; ty[1] = y; ty[2] = y + m * 1.3;
        return ty;
    }

    private void span(TimelineRenderer r, GraphicsContext gc, int lane, LaneRow row, SpanKind kind,
                      int peer, int fn, long value, double s, double e) {
        double xs = Math.max(r.plotLeft(), r.x(s));
        double xe = Math.min(r.plotRight(), r.x(e));
        double fs = r.style.smallFont.getSize();
        double rowH = r.layout.rowHeight(row);
        if (rowH < fs + 2) return;
        int slot = lane * 3 + row.ordinal();
        boolean split = hostPercent >= 0 && kind != SpanKind.REMOTE_HELD;
        String text = label(kind, peer, fn, value, SpanLabels.LONG, split);
        double w = text.length() * fs * CHAR_WIDTH + 8;
        if (xe - xs < w || kind == SpanKind.INTERRUPTION) {
            if (xe - xs < w) {
                String shortText = label(kind, peer, fn, value, SpanLabels.SHORT, split);
                double ws = shortText.length() * fs * CHAR_WIDTH + 8;
                boolean important = kind == SpanKind.INTERRUPTION || kind == SpanKind.REMOTE_HELD;
                if (xe - xs >= ws || important) {
                    text = shortText;
                    w = ws;
                } else {
                    return;
                }
            }
        }
        boolean inside = xe - xs >= w;
        double x = inside ? xs : (xs + xe) / 2 - w / 2;
        if (x < lastRight[slot] + 3 || x + w > r.canvasWidth) return;
        lastRight[slot] = x + w;
        double y = r.layout.rowTop(lane, row);
        if (!inside || split) {
            // a split span is hatched: its label gets a solid pill to stay legible
            gc.setFill(r.palette.base(kind));
            gc.fillRoundRect(x, y + 1, w, rowH - 2, 6, 6);
        }
        gc.setFill(textOn(kind));
        gc.fillText(text, x + 4, y + rowH / 2);
    }

    private String label(SpanKind kind, int peer, int fn, long value, int variant, boolean split) {
        return split ? hostLabels.get(SpanLabels.hostKey(kind.ordinal(), peer, fn, value, variant, hostPercent))
                : labels.get(SpanLabels.key(kind.ordinal(), peer, fn, value, variant));
    }

    /** @return the host's share of a span in whole percent (rounded down, so 100 means all of it). */
    static int hostPercent(long wallNs, long hostNs) {
        return wallNs <= 0 ? 0 : (int) Math.min(100, hostNs * 100 / wallNs);
    }

    private void bracket(TimelineRenderer r, GraphicsContext gc, int lane, int fn, double s, double e) {
        double xs = r.x(s);
        double xe = Math.max(xs + 1, r.x(e));
        if (xe < r.plotLeft() || xs > r.plotRight()) return;
        double y = r.layout.rowTop(lane, LaneRow.WORK);
        double h = r.layout.rowHeight(LaneRow.WORK);
        gc.setStroke(r.palette.text);
        gc.setLineWidth(Math.max(1, r.style.scale));
        gc.strokeRect(Math.max(r.plotLeft(), xs) + 0.5, y + 0.5, Math.min(r.plotRight(), xe) - Math.max(r.plotLeft(), xs), h - 1);
        int slot = lane * 3 + LaneRow.WORK.ordinal();
        double fs = r.style.smallFont.getSize();
        String text = labels.get(SpanLabels.key(SpanKind.TRIGGER.ordinal(), -1, fn, 0, SpanLabels.LONG));
        double w = text.length() * fs * CHAR_WIDTH + 8;
        double x = Math.max(r.plotLeft(), xs) + 2;
        if (x < lastRight[slot] + 3 || x + w > r.canvasWidth) return;
        if (Math.min(r.plotRight(), xe) - x < w) return;
        lastRight[slot] = x + w;
        gc.setFill(r.palette.text);
        gc.fillText(text, x + 2, y + h / 2);
    }

    private void gap(TimelineRenderer r, GraphicsContext gc, int lane, double s, double e, String text) {
        double xs = Math.max(r.plotLeft(), r.x(s));
        double xe = Math.min(r.plotRight(), r.x(e));
        if (xe <= xs) return;
        double y = r.layout.laneTop(lane);
        double h = r.layout.laneBodyHeight();
        gc.setFill(r.palette.gap);
        gc.fillRect(xs, y, Math.max(1, xe - xs), h);
        double fs = r.style.smallFont.getSize();
        if (xe - xs > text.length() * fs * CHAR_WIDTH + 8) {
            gc.setFill(r.palette.text);
            gc.fillText(text, xs + 4, y + h / 2);
        }
    }

    private static Color textOn(SpanKind kind) {
        return switch (kind) {
            case LOCK_LOCAL, INTERRUPTION -> Color.WHITE;
            default -> Color.BLACK;
        };
    }
}
