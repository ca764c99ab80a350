package io.qpwscope.ui.timeline.input;

import javafx.scene.input.ScrollEvent;

/**
 * Scroll wheel and touchpad on the timeline: over the lane names it scrolls the lanes; a
 * mostly horizontal swipe pans; vertical wheel zooms around the pointer (around the live
 * edge while following it).
 */
public final class TimelineWheel {
    /** One wheel notch (40 px of delta) scales the time span by this factor. */
    public static final double NOTCH_FACTOR = 0.85;
    /** Pixels of scroll delta per wheel notch. */
    public static final double NOTCH_PX = 40.0;

    private final TimelineControl view;

    public TimelineWheel(TimelineControl view) {
        this.view = view;
    }

    public void onScroll(ScrollEvent e) {
        if (!view.hasSource()) return;
        double left = view.plotLeft();
        if (e.getX() < left) {
            view.scrollLanes(-e.getDeltaY());
        } else if (Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY())) {
            view.viewport().panPx(-e.getDeltaX());
            view.holdView();
        } else if (e.getDeltaY() != 0) {
            double factor = factorFor(e.getDeltaY());
            if (view.following()) view.zoom(factor); else view.viewport().zoomAt(e.getX() - left, factor);
        }
        view.invalidate();
        e.consume();
    }

    /** The span factor for a vertical scroll delta: wheel up (positive) zooms in. */
    public static double factorFor(double deltaY) {
        return Math.pow(NOTCH_FACTOR, deltaY / NOTCH_PX);
    }
}
