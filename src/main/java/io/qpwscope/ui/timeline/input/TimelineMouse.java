package io.qpwscope.ui.timeline.input;

import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Mouse buttons and pointer on the timeline: drag pans (time and lanes), shift-drag selects
 * a time range, a click selects the item under the pointer for the details, moving shows a
 * hover card. A press that moves no more than {@link #CLICK_SLOP_PX} is a click.
 */
public final class TimelineMouse {
    public static final double CLICK_SLOP_PX = 3;

    private final TimelineControl view;
    private boolean dragging;
    private boolean selecting;
    private double pressX;
    private double lastX;
    private double lastY;
    private double rangeStart;
    private double rangeEnd;

    public TimelineMouse(TimelineControl view) {
        this.view = view;
    }

    public void onPressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) return;
        pressX = lastX = e.getX();
        lastY = e.getY();
        dragging = false;
        selecting = e.isShiftDown() && e.getX() >= view.plotLeft();
        if (selecting) {
            rangeStart = rangeEnd = timeAt(e.getX());
            view.previewRange(rangeStart, rangeEnd);
        }
    }

    public void onDragged(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) return;
        if (Math.abs(e.getX() - pressX) > CLICK_SLOP_PX) dragging = true;
        // Until the pointer leaves the slop the view stays put and the grab point is kept,
        // so that once panning starts the content under the pointer moves with it.
        if (!dragging && !selecting) return;
        if (selecting) {
            rangeEnd = timeAt(e.getX());
            view.previewRange(rangeStart, rangeEnd);
        } else if (dragging) {
            view.viewport().panPx(lastX - e.getX());
            view.scrollLanes(lastY - e.getY());
            view.holdView();
            view.setGrabbing(true);
        }
        lastX = e.getX();
        lastY = e.getY();
        view.invalidate();
    }

    public void onReleased(MouseEvent e) {
        view.setGrabbing(false);
        if (e.getButton() != MouseButton.PRIMARY) return;
        if (selecting) {
            selecting = false;
            if (dragging) view.selectRange(rangeStart, rangeEnd); else view.clearSelection();
        } else if (!dragging) {
            view.selectAt(e.getX(), e.getY());
        }
        dragging = false;
        view.invalidate();
    }

    public void onMoved(MouseEvent e) {
        view.hover(e.getX(), e.getY());
    }

    public void onExited(MouseEvent e) {
        view.hoverExit();
    }

    private double timeAt(double canvasX) {
        return view.viewport().tOf(canvasX - view.plotLeft());
    }
}
