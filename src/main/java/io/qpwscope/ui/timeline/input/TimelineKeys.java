package io.qpwscope.ui.timeline.input;

import javafx.scene.input.KeyEvent;

/**
 * Keyboard of the timeline, Perfetto style: W/S zoom, A/D pan (arrows too), Up/Down scroll
 * lanes, F follow live, Space pause/resume, J jump to the last drain, I to the last
 * interruption, R replay the view, Home fit all, Esc clear the selection.
 */
public final class TimelineKeys {
    /** W zooms in by this factor of the time span, S out by its inverse. */
    public static final double ZOOM_STEP = 0.7;
    /** A and D pan by this share of the plot width. */
    public static final double PAN_SHARE = 0.15;

    private final TimelineControl view;

    public TimelineKeys(TimelineControl view) {
        this.view = view;
    }

    /** Handles a KEY_PRESSED event; consumes it if it is one of the timeline's keys. */
    public void onKeyPressed(KeyEvent e) {
        if (handle(e)) {
            view.invalidate();
            e.consume();
        }
    }

    private boolean handle(KeyEvent e) {
        double pan = view.viewport().widthPx() * PAN_SHARE;
        switch (e.getCode()) {
            case W, ADD, PLUS, EQUALS -> view.zoom(ZOOM_STEP);
            case S, SUBTRACT, MINUS -> view.zoom(1 / ZOOM_STEP);
            case A, LEFT -> pan(-pan);
            case D, RIGHT -> pan(pan);
            case UP -> view.scrollLanes(-view.laneHeight());
            case DOWN -> view.scrollLanes(view.laneHeight());
            case F, END -> view.followLive();
            case SPACE -> view.togglePause();
            case J -> view.jumpToLastDrain();
            case I -> view.jumpToLastInterruption();
            case R -> view.replayView();
            case HOME -> view.fitAll();
            case ESCAPE -> view.clearSelection();
            default -> { return false; }
        }
        return true;
    }

    private void pan(double px) {
        view.viewport().panPx(px);
        view.holdView();
    }
}
