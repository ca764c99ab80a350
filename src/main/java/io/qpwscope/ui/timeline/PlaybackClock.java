package io.qpwscope.ui.timeline;

/**
 * The time the view shows up to ("cursor"). LIVE: the newest indexed record. PLAYING: moves
 * at {@code speed} x wall time (1/1000 turns a 10 µs interruption into 10 ms; 1/1,000,000
 * into 10 s) and never passes the live edge. PAUSED: stays. FX thread only.
 */
public final class PlaybackClock {
    public enum Mode { LIVE, PLAYING, PAUSED }

    private Mode mode = Mode.LIVE;
    private double speed = 1.0;
    private double cursor;

    public Mode mode() { return mode; }

    public double speed() { return speed; }

    public double cursor() { return cursor; }

    /** Advances the cursor by {@code wallNs} of wall time. @return whether it moved. */
    public boolean advance(long wallNs, double liveEdge) {
        double before = cursor;
        switch (mode) {
            case LIVE -> cursor = liveEdge;
            case PLAYING -> cursor = Math.min(liveEdge, cursor + speed * wallNs);
            case PAUSED -> { }
        }
        return cursor != before;
    }

    public void live() {
        mode = Mode.LIVE;
        speed = 1.0;
    }

    public void pause() {
        mode = Mode.PAUSED;
    }

    /** Plays from {@code from} at the current speed. */
    public void playFrom(double from) {
        cursor = from;
        mode = Mode.PLAYING;
    }

    /** Resumes playing (from the cursor) at the current speed. */
    public void play() {
        mode = Mode.PLAYING;
    }

    /** Sets the speed; leaving LIVE for slow motion starts playing from the live edge. */
    public void setSpeed(double s) {
        speed = s;
        if (mode == Mode.LIVE && s < 1.0) mode = Mode.PLAYING;
    }

    /** Moves the cursor without changing the mode (e.g. jump). */
    public void setCursor(double t) {
        cursor = t;
    }
}
