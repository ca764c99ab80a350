package io.qpwscope.ui.review;

import io.qpwscope.recording.Annotation;
import io.qpwscope.trace.Recording;
import io.qpwscope.ui.timeline.render.Palette;
import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import io.qpwscope.ui.timeline.input.TimelineHit;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import io.qpwscope.ui.timeline.TimelineView;
import io.qpwscope.ui.timeline.render.Viewport;
import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * The lab's {@link TimelineView} showing a finished recording: paused with the cursor at the
 * recording's end (so the live-edge skip-ahead never applies and every record is drawn), and
 * fitted to the whole recording once the view has indexed it. Adds the moves review needs:
 * centre on an event or a time, mark it, draw the bookmarks.
 */
public final class ReviewTimeline {
    /** Search and bookmark jumps show at most this much time around the target. */
    static final double JUMP_SPAN_NS = 400_000;

    private final TimelineView view = new TimelineView();
    private final AnimationTimer fitter;
    private Recording recording;
    private boolean fitted = true;
    private boolean autoFit = true;
    private long fitStart = Long.MIN_VALUE;
    private long fitEnd = Long.MIN_VALUE;

    public ReviewTimeline() {
        view.setPalette(Palette.DARK);
        view.setPausedBadge("REVIEW");
        fitter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                fitWhenIndexed();
            }
        };
        view.sceneProperty().addListener((o, a, s) -> {
            if (s != null) fitter.start(); else fitter.stop();
        });
    }

    public TimelineView view() { return view; }

    public Recording recording() { return recording; }

    public void show(Recording r) {
        recording = r;
        view.setSource(new RecordingTimelineSource(r));
        view.pause();
        view.clock().setCursor(r.endTs());
        fitted = false;
    }

    /** Indexes everything now on the FX thread (tests, snapshots), then fits the view. */
    public void indexAll() {
        TimelineIndex idx = view.index();
        if (idx == null) return;
        while (!idx.caughtUp()) {
            if (idx.catchUp(1 << 20) == 0 && !idx.caughtUp()) break;
        }
        fitWhenIndexed();
        view.renderNow();
    }

    /** @return whether the view has indexed the whole recording. */
    public boolean indexed() {
        return view.index() != null && view.index().caughtUp();
    }

    private void fitWhenIndexed() {
        if (fitted || !autoFit || !indexed() || view.getWidth() <= view.renderer().style().gutterWidth) return;
        view.fitAll();
        long t0 = fitStart == Long.MIN_VALUE ? 0 : fitStart;
        long t1 = fitEnd == Long.MIN_VALUE ? recording.endTs() : fitEnd;
        view.viewport().fit(t0, Math.max(t0 + 1_000, t1));
        fitted = true;
    }

    /** Off: this view never fits itself (its viewport follows another one). */
    public void setAutoFit(boolean on) {
        autoFit = on;
    }

    /** The range the view fits once indexed (default: the whole recording); refits. */
    public void setFitRange(long t0, long t1) {
        fitStart = t0;
        fitEnd = t1;
        fitted = false;
    }

    /** Centres the view on [t0, t1], zooming in if the view is much wider than {@link #JUMP_SPAN_NS}. */
    public void centreOn(long t0, long t1) {
        Viewport vp = view.viewport();
        double span = Math.max(vp.spanNs() > JUMP_SPAN_NS * 4 ? JUMP_SPAN_NS : vp.spanNs(), (t1 - t0) * 3.0);
        double mid = (t0 + t1) / 2.0;
        vp.set(mid - span / 2, span / vp.widthPx());
        fitted = true;
        view.renderNow();
    }

    /** Draws these bookmarks on the lanes (each on its CPU's lane, or across all for {@link Annotation#ALL_CPUS}). */
    public void showBookmarks(List<Annotation> list) {
        int n = list.size();
        long[] ts = new long[n];
        int[] cpu = new int[n];
        String[] text = new String[n];
        for (int i = 0; i < n; i++) {
            Annotation a = list.get(i);
            ts[i] = a.ts();
            cpu[i] = a.cpu() == Annotation.ALL_CPUS ? -1 : a.cpu();
            text[i] = a.text();
        }
        view.setBookmarks(ts, cpu, text);
    }

    /** Outlines an item (a search hit) the way a clicked item is outlined. */
    public void mark(TimelineHit hit) {
        view.outline(hit);
        view.renderNow();
    }
}
