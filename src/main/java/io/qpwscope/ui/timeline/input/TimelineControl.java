package io.qpwscope.ui.timeline.input;

import io.qpwscope.ui.timeline.render.Viewport;

/**
 * What the timeline's input controllers may do to the view: move its {@link Viewport},
 * scroll its lanes, select a range or an item, show a hover card, and the playback commands
 * the keys stand for. The controllers translate events; the view owns the state.
 * FX thread only.
 */
public interface TimelineControl {
    /** The visible time window (its x is plot-relative: 0 is the plot's left edge). */
    Viewport viewport();

    /** Canvas x where the plot starts (right of the lane names). */
    double plotLeft();

    /** Whether a source is shown (without one, wheel and drag do nothing). */
    boolean hasSource();

    /** Whether the view follows the live edge (zooming then keeps the edge in place). */
    boolean following();

    /** Stops following the live edge: the user moved the view. */
    void holdView();

    /** Zooms around the live edge when following, else around the middle. */
    void zoom(double factor);

    /** Scrolls the lanes by {@code dy} pixels (positive: down). */
    void scrollLanes(double dy);

    /** Height of one lane in pixels. */
    double laneHeight();

    /** Shows [t0, t1] as the range being dragged out, without statistics yet. */
    void previewRange(double t0, double t1);

    /** Selects [t0, t1] and computes its statistics. */
    void selectRange(double t0, double t1);

    void clearSelection();

    /** Selects what is at canvas (x, y) and asks for it to be shown in the details. */
    TimelineHit selectAt(double x, double y);

    /** The pointer is at canvas (x, y): show the cursor line and what is under it. */
    void hover(double x, double y);

    /** The pointer left the canvas. */
    void hoverExit();

    /** Shows a grabbing hand while panning. */
    void setGrabbing(boolean on);

    void followLive();

    void togglePause();

    boolean jumpToLastDrain();

    boolean jumpToLastInterruption();

    void replayView();

    void fitAll();

    /** Something changed that the next frame must draw. */
    void invalidate();
}
