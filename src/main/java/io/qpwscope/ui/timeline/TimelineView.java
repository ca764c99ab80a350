package io.qpwscope.ui.timeline;

import io.qpwscope.ui.timeline.index.Landmarks;
import io.qpwscope.ui.timeline.index.SelectionStats;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import io.qpwscope.ui.timeline.index.TimelineSource;
import io.qpwscope.ui.timeline.input.HitTester;
import io.qpwscope.ui.timeline.input.TimelineControl;
import io.qpwscope.ui.timeline.input.TimelineKeys;
import io.qpwscope.ui.timeline.input.TimelineMouse;
import io.qpwscope.ui.timeline.input.TimelineWheel;
import io.qpwscope.ui.timeline.input.TimelineHit;
import io.qpwscope.ui.timeline.render.FrameState;
import io.qpwscope.ui.timeline.render.Palette;
import io.qpwscope.ui.timeline.render.TimeFormat;
import io.qpwscope.ui.timeline.render.TimelineRenderer;
import io.qpwscope.ui.timeline.render.TimelineStyle;
import io.qpwscope.ui.timeline.render.Viewport;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import java.util.Locale;

/**
 * The timeline control: one canvas drawn in immediate mode by a {@link TimelineRenderer},
 * one {@link AnimationTimer} that once per frame indexes what the engine recorded since the
 * last frame (engine threads never call into the UI), advances the playback clock and
 * redraws if anything changed.
 *
 * <p>Input is translated by controllers in {@code input} acting on a {@link TimelineControl}:
 * {@link TimelineWheel} (wheel zooms at the pointer, over the lane names it scrolls lanes),
 * {@link TimelineMouse} (drag pans, shift-drag selects a range, click selects an item, hover
 * shows a card) and {@link TimelineKeys} (W/S zoom, A/D pan, F follow live, Space
 * pause/resume, J last drain, I last interruption, R replay, Home fit all, Esc clear).
 */
public final class TimelineView extends Region {
    /**
     * FX-thread CPU time per frame spent indexing new records at most. CPU time, not wall
     * time: when the engine's CPU threads crowd the cores the FX thread runs in slices, and a
     * wall-time budget would index too little to keep up.
     */
    static final long INDEX_BUDGET_NS = 10_000_000;
    /** Following live, skip (and mark) records when indexing lags the engine by more than this
     *  (3 s: the engine's first seconds, recorded while the window and the JIT warm up, are kept). */
    static final long MAX_LAG_NS = 3_000_000_000L;
    /** ...and resume this far before the newest record. */
    static final long RESUME_BEFORE_NS = 200_000_000L;
    /** In follow mode the newest data sits this far (share of the width) from the right edge. */
    private static final double LIVE_MARGIN = 0.03;

    private final Canvas canvas = new Canvas(10, 10);
    private final TimelineRenderer renderer = new TimelineRenderer();
    private final Viewport viewport = new Viewport();
    private final FrameState frame = new FrameState();
    private final PlaybackClock clock = new PlaybackClock();
    private final Label hoverCard = new Label();
    private final AnimationTimer timer;
    private TimelineIndex index;
    /** A live run opens showing this much time (a few drains of the default scenario). */
    static final double INITIAL_SPAN_NS = 1e9;
    private double initialSpanNs = INITIAL_SPAN_NS;
    private long firstFrameUptimeMs = -1;
    private boolean fitAllPending;
    private boolean following = true;
    /** The live edge is never drawn past this (ns since origin); +inf: the newest indexed record. */
    private double liveEdgeCapNs = Double.POSITIVE_INFINITY;
    private boolean dirty = true;
    private long lastViewVersion = -1;
    private long lastFrameNanos;
    private double frameMsAvg;
    private double frameCpuMsAvg;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private String[] badges = new String[0];
    private String pausedBadge = "PAUSED";

    private final ReadOnlyObjectWrapper<TimelineHit> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<SelectionStats.Result> selection = new ReadOnlyObjectWrapper<>(this, "selection");
    private final ReadOnlyDoubleWrapper cursorNs = new ReadOnlyDoubleWrapper(this, "cursorNs");
    private final ReadOnlyDoubleWrapper frameMs = new ReadOnlyDoubleWrapper(this, "frameMs");
    private final ReadOnlyDoubleWrapper frameCpuMs = new ReadOnlyDoubleWrapper(this, "frameCpuMs");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    public TimelineView() {
        getStyleClass().add("timeline-view");
        setFocusTraversable(true);
        hoverCard.getStyleClass().add("hover-card");
        hoverCard.setManaged(false);
        hoverCard.setVisible(false);
        hoverCard.setMouseTransparent(true);
        hoverCard.setPadding(new Insets(6, 9, 6, 9));
        getChildren().addAll(canvas, hoverCard);
        setMinSize(200, 120);
        Control control = new Control();
        TimelineWheel wheel = new TimelineWheel(control);
        TimelineMouse mouse = new TimelineMouse(control);
        TimelineKeys keys = new TimelineKeys(control);
        canvas.addEventHandler(ScrollEvent.SCROLL, wheel::onScroll);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, mouse::onPressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, mouse::onDragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, mouse::onReleased);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, mouse::onMoved);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, mouse::onExited);
        addEventHandler(KeyEvent.KEY_PRESSED, keys::onKeyPressed);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                tick(now);
            }
        };
        sceneProperty().addListener((o, a, b) -> {
            if (b != null) timer.start(); else timer.stop();
        });
    }

    // ---- public API -------------------------------------------------------------------

    /** Shows a new source (a live recording or a loaded one), following its live edge. */
    public void setSource(TimelineSource source) {
        assertFx();
        index = source == null ? null : new TimelineIndex(source);
        frame.selected = null;
        frame.selStart = frame.selEnd = Double.NaN;
        selected.set(null);
        selection.set(null);
        clock.live();
        clock.setCursor(0);
        following = true;
        initialSpanNs = INITIAL_SPAN_NS;
        dirty = true;
    }

    public TimelineIndex index() { return index; }

    public TimelineRenderer renderer() { return renderer; }

    public Viewport viewport() { return viewport; }

    public PlaybackClock clock() { return clock; }

    /** The state of the last frame drawn, for tests and snapshot checks; views use the methods here. */
    public FrameState frame() { return frame; }

    /** Outlines an item (a search hit) the way a clicked item is outlined, without selecting it. */
    public void outline(TimelineHit hit) {
        frame.selected = hit;
        dirty = true;
    }

    /** The outlined item: the last clicked one or search hit, or null. */
    public TimelineHit outlined() { return frame.selected; }

    /** Start of the selected time range (ns since origin), NaN if none. */
    public double selectionStartNs() { return Math.min(frame.selStart, frame.selEnd); }

    /** End of the selected time range (ns since origin), NaN if none. */
    public double selectionEndNs() { return Math.max(frame.selStart, frame.selEnd); }

    public void setLaneTitles(String[] titles) {
        frame.laneTitles = titles;
        dirty = true;
    }

    public void setPalette(Palette p) {
        renderer.setPalette(p);
        dirty = true;
    }

    public void setPresentation(boolean on) {
        renderer.setStyle(on ? TimelineStyle.PRESENTATION : TimelineStyle.NORMAL);
        dirty = true;
    }

    /**
     * Bookmarks drawn on the lanes (review mode; a live view has none): time (ns since
     * origin), CPU lane or -1 for all CPUs, and text, index by index. Copies the arrays.
     */
    public void setBookmarks(long[] ts, int[] cpu, String[] text) {
        if (ts.length != cpu.length || ts.length != text.length) {
            throw new IllegalArgumentException("setBookmarks: " + ts.length + " times, " + cpu.length + " CPUs, " + text.length + " texts");
        }
        frame.bookmarkTs = ts.clone();
        frame.bookmarkCpu = cpu.clone();
        frame.bookmarkText = text.clone();
        dirty = true;
    }

    /** The corner badge shown while paused: "PAUSED" (default) or e.g. "REVIEW" for a finished recording. */
    public void setPausedBadge(String text) {
        pausedBadge = text;
        dirty = true;
    }

    /** Follow the live edge at 1x. */
    public void followLive() {
        clock.live();
        following = true;
        dirty = true;
    }

    /**
     * Holds the live edge (LIVE, and the limit of slow-motion playback) at {@code ns} (since
     * origin) at most, while indexing goes on: two views side by side that must show the same
     * window (live A/B) cap both at the older of their indexed ends. +inf (the default) removes
     * the cap; a view nobody caps follows its newest indexed record.
     */
    public void setLiveEdgeCap(double ns) {
        if (ns != liveEdgeCapNs) {
            liveEdgeCapNs = ns;
            dirty = true;
        }
    }

    public double liveEdgeCap() { return liveEdgeCapNs; }

    /** Freeze what is shown; the engine keeps recording. */
    public void pause() {
        clock.pause();
        following = false;
        dirty = true;
    }

    /** Toggle between paused and playing/live. */
    public void togglePause() {
        if (clock.mode() == PlaybackClock.Mode.PAUSED) {
            if (clock.speed() >= 1.0) followLive(); else { clock.play(); following = true; }
        } else {
            pause();
        }
        dirty = true;
    }

    /** Playback speed: 1 = real time, 0.001 = a thousand times slower. */
    public void setSpeed(double speed) {
        clock.setSpeed(speed);
        if (speed >= 1.0 && clock.mode() == PlaybackClock.Mode.PLAYING && following) {
            followLive();
        }
        dirty = true;
    }

    /** Replays the visible window from its left edge at the current speed. */
    public void replayView() {
        clock.playFrom(viewport.startNs());
        following = true;
        dirty = true;
    }

    /**
     * Fits the view to the most recent trigger (a drain) and, in slow motion, replays it.
     * @return false if nothing has been triggered yet
     */
    public boolean jumpToLastDrain() {
        long[] d = index == null ? null : Landmarks.lastDrain(index);
        if (d == null) return false;
        show(d[0], d[1], Math.max(d[1] - d[0], 2_000) * 0.12);
        return true;
    }

    /**
     * Zooms onto the most recent interruption (on an isolated CPU if any), with room for the
     * kworker run around it; in slow motion, replays it. @return false if there has been none
     */
    public boolean jumpToLastInterruption() {
        long[] d = index == null ? null : Landmarks.lastInterruption(index);
        if (d == null) return false;
        show(d[0], d[1], Math.max(d[1] - d[0], 1_000) * 1.5);
        return true;
    }

    /** Fits [start - margin, end + margin]; replays it from its left edge in slow motion, else holds it. */
    private void show(long start, long end, double margin) {
        viewport.fit(start - margin, end + margin);
        if (clock.speed() < 1.0) {
            clock.playFrom(start - margin);
        } else {
            clock.pause();
            // the frontier steps back when a lane publishes late: never pause short of what was jumped to
            clock.setCursor(Math.max(Math.max(clock.cursor(), index.frontier()), end));
        }
        following = false;
        dirty = true;
    }

    public void zoom(double factor) {
        double x = following ? viewport.widthPx() * (1 - LIVE_MARGIN) : viewport.widthPx() / 2.0;
        viewport.zoomAt(x, factor);
        dirty = true;
    }

    /** Fits the whole recording (once it is indexed, if indexing is still under way). */
    public void fitAll() {
        if (index == null) return;
        if (!index.caughtUp()) fitAllPending = true;
        viewport.fit(index.startTs(), Math.max(index.startTs() + 1_000, index.endTs()));
        following = false;
        dirty = true;
    }

    public void clearSelection() {
        frame.selStart = frame.selEnd = Double.NaN;
        frame.selected = null;
        selected.set(null);
        selection.set(null);
        dirty = true;
    }

    /** Selects [t0, t1] and computes its statistics. */
    public void selectRange(double t0, double t1) {
        frame.selStart = Math.min(t0, t1);
        frame.selEnd = Math.max(t0, t1);
        if (index != null) selection.set(SelectionStats.compute(index, (long) frame.selStart, (long) frame.selEnd));
        dirty = true;
    }

    /** Hit test at canvas coordinates, against the last frame drawn. */
    public TimelineHit hitAt(double x, double y) {
        return HitTester.hit(renderer, x, y);
    }

    /** Selects what is at canvas (x, y), as a click does; shows it in the details. */
    public TimelineHit selectAt(double x, double y) {
        TimelineHit hit = hitAt(x, y);
        frame.selected = hit;
        selected.set(hit);
        dirty = true;
        return hit;
    }

    /** Draws now (tests, snapshots) instead of waiting for the next pulse. */
    public void renderNow() {
        assertFx();
        dirty = true;
        tick(System.nanoTime());
    }

    public ReadOnlyObjectProperty<TimelineHit> selectedProperty() { return selected.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<SelectionStats.Result> selectionProperty() { return selection.getReadOnlyProperty(); }

    /** The playback cursor (ns since origin): what the view shows up to. */
    public ReadOnlyDoubleProperty cursorNsProperty() { return cursorNs.getReadOnlyProperty(); }

    /** Average time to draw a frame on the FX thread (index catch-up + render), ms. */
    public ReadOnlyDoubleProperty frameMsProperty() { return frameMs.getReadOnlyProperty(); }

    /** Average CPU time the FX thread spent on a frame (below {@link #frameMsProperty()} when the cores are busy), ms. */
    public ReadOnlyDoubleProperty frameCpuMsProperty() { return frameCpuMs.getReadOnlyProperty(); }

    /** "LIVE", "PAUSED", "1/1000× …": for a status bar. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    public boolean following() { return following; }

    /** JVM uptime (ms) when the first frame with recorded data was drawn, or -1 before. */
    public long firstFrameUptimeMs() { return firstFrameUptimeMs; }

    // ---- frame loop -------------------------------------------------------------------

    private void tick(long now) {
        if (index == null) return;
        long t0 = System.nanoTime();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        if (initialSpanNs > 0 && getWidth() > renderer.style().gutterWidth) {
            viewport.setWidth(renderer.plotWidth(getWidth()));
            viewport.set(viewport.startNs(), initialSpanNs / viewport.widthPx());
            initialSpanNs = 0;
        }
        int indexed = 0, n;
        do {
            n = index.catchUp(TimelineIndex.SLICE * 4);
            indexed += n;
        } while (n > 0 && THREADS.getCurrentThreadCpuTime() - cpu0 < INDEX_BUDGET_NS);
        // Skip only what this frame's indexing budget could not reach: a backlog that one
        // frame absorbs (the engine's first second, recorded while the window opened) is kept.
        boolean skipped = clock.mode() == PlaybackClock.Mode.LIVE && index.skipAheadIfBehind(MAX_LAG_NS, RESUME_BEFORE_NS);
        if (skipped) indexed++;
        if (fitAllPending && index.caughtUp()) {
            fitAllPending = false;
            fitAll();
        }
        long wall = lastFrameNanos == 0 ? 0 : Math.min(now - lastFrameNanos, 100_000_000L);
        lastFrameNanos = now;
        boolean moved = clock.advance(wall, liveEdge());
        if (following) {
            double edge = clock.cursor();
            viewport.alignRight(edge + viewport.spanNs() * LIVE_MARGIN);
        }
        if (indexed > 0 || moved || viewport.version() != lastViewVersion || dirty) {
            render();
            double ms = (System.nanoTime() - t0) / 1e6;
            double cpuMs = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6;
            frameMsAvg = frameMsAvg == 0 ? ms : frameMsAvg * 0.9 + ms * 0.1;
            frameCpuMsAvg = frameCpuMsAvg == 0 ? cpuMs : frameCpuMsAvg * 0.9 + cpuMs * 0.1;
            frameCpuMs.set(frameCpuMsAvg);
            frameMs.set(frameMsAvg);
        }
    }

    private void render() {
        double w = getWidth(), h = getHeight();
        if (w < 1 || h < 1 || index == null) return;
        boolean caught = index.caughtUp();
        double edge = liveEdge();
        PlaybackClock.Mode m = clock.mode();
        frame.dataEnd = m == PlaybackClock.Mode.LIVE ? edge : clock.cursor();
        frame.cursor = m == PlaybackClock.Mode.LIVE ? Double.NaN : clock.cursor();
        frame.live = m == PlaybackClock.Mode.LIVE;
        frame.badge = badge(m);
        long lag = index.publishedEnd() - index.frontier();
        frame.note = caught ? (index.skipped() > 0 ? skippedNote() : null)
                : "view " + TimeFormat.duration(lag) + " behind the engine";
        renderer.render(canvas.getGraphicsContext2D(), index, viewport, frame, w, h);
        if (firstFrameUptimeMs < 0 && index.indexedEvents() > 0) {
            firstFrameUptimeMs = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        }
        lastViewVersion = viewport.version();
        dirty = false;
        if (cursorNs.get() != frame.dataEnd) cursorNs.set(frame.dataEnd);
        String st = frame.badge;
        if (!st.equals(status.get())) status.set(st);
    }

    /** The newest indexed record's time, held at the cap if one is set. */
    private double liveEdge() {
        return Math.min(index.frontier(), liveEdgeCapNs);
    }

    private long skippedShown = -1;
    private String skippedText;

    private String skippedNote() {
        long n = index.skipped();
        if (n != skippedShown) {
            skippedShown = n;
            skippedText = TimeFormat.count(n) + " records skipped (UI behind)";
        }
        return skippedText;
    }

    private String badge(PlaybackClock.Mode m) {
        return switch (m) {
            case LIVE -> following ? "LIVE" : "LIVE (view held)";
            case PAUSED -> pausedBadge;
            case PLAYING -> speedLabel(clock.speed());
        };
    }

    /** "1×", "1/10×", "1/1000×": cached, the speed set is small. */
    private String speedLabel(double s) {
        int k = s >= 1 ? 0 : (int) Math.round(-Math.log10(s));
        if (k >= badges.length) {
            String[] b = new String[k + 1];
            System.arraycopy(badges, 0, b, 0, badges.length);
            badges = b;
        }
        if (badges[k] == null) {
            badges[k] = (k == 0 ? "PLAY 1×" : String.format(Locale.ROOT, "SLOW MOTION 1/%,d×", (long) Math.pow(10, k)));
        }
        return badges[k];
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth()), h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            dirty = true;
        }
        hoverCard.autosize();
    }

    // ---- input: the controllers act on the view through this ------------------------

    private final class Control implements TimelineControl {
        @Override public Viewport viewport() { return viewport; }
        @Override public double plotLeft() { return renderer.style().gutterWidth; }
        @Override public boolean hasSource() { return index != null; }
        @Override public boolean following() { return following; }
        @Override public void holdView() { following = false; }
        @Override public void zoom(double factor) { TimelineView.this.zoom(factor); }
        @Override public void scrollLanes(double dy) { renderer.layout().setScrollPx(renderer.layout().scrollPx() + dy); }
        @Override public double laneHeight() { return renderer.layout().laneHeight(); }
        @Override public void previewRange(double t0, double t1) {
            frame.selStart = t0;
            frame.selEnd = t1;
        }
        @Override public void selectRange(double t0, double t1) { TimelineView.this.selectRange(t0, t1); }
        @Override public void clearSelection() { TimelineView.this.clearSelection(); }
        @Override public TimelineHit selectAt(double x, double y) { return TimelineView.this.selectAt(x, y); }
        @Override public void hover(double x, double y) { showHover(x, y); }
        @Override public void hoverExit() {
            frame.hoverX = Double.NaN;
            hoverCard.setVisible(false);
            dirty = true;
        }
        @Override public void setGrabbing(boolean on) { canvas.setCursor(on ? Cursor.CLOSED_HAND : Cursor.DEFAULT); }
        @Override public void followLive() { TimelineView.this.followLive(); }
        @Override public void togglePause() { TimelineView.this.togglePause(); }
        @Override public boolean jumpToLastDrain() { return TimelineView.this.jumpToLastDrain(); }
        @Override public boolean jumpToLastInterruption() { return TimelineView.this.jumpToLastInterruption(); }
        @Override public void replayView() { TimelineView.this.replayView(); }
        @Override public void fitAll() { TimelineView.this.fitAll(); }
        @Override public void invalidate() { dirty = true; }
    }

    private void showHover(double px, double py) {
        frame.hoverX = px;
        TimelineHit hit = hitAt(px, py);
        if (hit == null) {
            hoverCard.setVisible(false);
        } else {
            hoverCard.setText(hit.text());
            hoverCard.autosize();
            double cw = hoverCard.prefWidth(-1), ch = hoverCard.prefHeight(-1);
            double x = px + 16, y = py + 18;
            if (x + cw > getWidth()) x = Math.max(0, px - cw - 12);
            if (y + ch > getHeight()) y = Math.max(0, py - ch - 12);
            hoverCard.resizeRelocate(x, y, cw, ch);
            hoverCard.setVisible(true);
        }
        dirty = true;
    }

    private static void assertFx() {
        assert Platform.isFxApplicationThread() : "TimelineView is FX-thread only";
    }
}
