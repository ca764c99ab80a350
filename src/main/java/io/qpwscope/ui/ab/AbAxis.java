package io.qpwscope.ui.ab;

import io.qpwscope.ui.timeline.PlaybackClock;
import io.qpwscope.ui.timeline.TimelineView;
import io.qpwscope.ui.timeline.render.Viewport;
import javafx.animation.AnimationTimer;

/**
 * One time axis for two live timelines: whatever the user does to either view (zoom, pan,
 * pause, slow-motion replay, follow live again) the other does too. Both views read one clock
 * (the pane shifts the later machine's records onto the earlier one's), so the same time is
 * the same x in both.
 *
 * <p>Unlike the review's {@code ViewSync}, both views may follow their live edge, which moves
 * each viewport every frame; so a move counts as the user's only when it is not the follow:
 * while a view follows, only its zoom (ns per pixel) and its clock mode are mirrored.
 * Each view's own live edge is how far it has indexed its engine's records, and the two differ
 * by how far each index lags its engine (a few ms on a quiet host, tens of ms on an
 * oversubscribed one). So every round sets one common live edge, the older of the two indexed
 * ends, as both views' live-edge cap ({@link TimelineView#setLiveEdgeCap}); the
 * next frame both follow that edge and show the same window of time, to the pixel, while each
 * keeps indexing (neither pauses, neither runs ahead). Paused, jumped to a drain or panned,
 * both views show exactly the same window of time too, with data up to the same instant.
 * Runs once per frame after both views have drawn (its timer starts after theirs), so the cap
 * both views use in a frame comes from the same moment.
 */
public final class AbAxis {
    private final TimelineView a;
    private final TimelineView b;
    private final AnimationTimer timer;
    private final Seen seenA = new Seen();
    private final Seen seenB = new Seen();

    public AbAxis(TimelineView a, TimelineView b) {
        this.a = a;
        this.b = b;
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                sync();
            }
        };
        // B's own listener (registered in its constructor) starts B's timer first, so this one runs after both views.
        b.sceneProperty().addListener((o, x, s) -> {
            if (s != null) timer.start(); else timer.stop();
        });
    }

    /** After both views got new sources: aligns B to A's view. */
    public void realign() {
        seenA.forget();
        seenB.forget();
        sync();
    }

    /** One round: mirrors the view the user moved onto the other (A wins if both moved). */
    public void sync() {
        boolean movedA = seenA.userMoved(a), movedB = seenB.userMoved(b);
        if (movedA || !seenA.known()) {
            mirror(a, b);
        } else if (movedB) {
            mirror(b, a);
        }
        seenA.take(a);
        seenB.take(b);
        capLiveEdges();
    }

    /** The common live edge: the older of A's and B's indexed ends, or +inf before both have an index. */
    public double commonLiveEdgeNs() {
        if (a.index() == null || b.index() == null) return Double.POSITIVE_INFINITY;
        return Math.min((double) a.index().frontier(), (double) b.index().frontier());
    }

    private void capLiveEdges() {
        double edge = commonLiveEdgeNs();
        a.setLiveEdgeCap(edge);
        b.setLiveEdgeCap(edge);
    }

    private static void mirror(TimelineView from, TimelineView to) {
        Viewport vf = from.viewport(), vt = to.viewport();
        PlaybackClock.Mode mode = from.clock().mode();
        if (from.following() && mode == PlaybackClock.Mode.LIVE) {
            if (!to.following() || to.clock().mode() != PlaybackClock.Mode.LIVE) to.followLive();
            vt.set(vt.endNs() - vf.nsPerPx() * vt.widthPx(), vf.nsPerPx());
            return;
        }
        if (mode == PlaybackClock.Mode.PAUSED && to.clock().mode() != PlaybackClock.Mode.PAUSED) {
            to.pause();
        } else if (mode == PlaybackClock.Mode.LIVE && to.following() && to.index() != null && to.index().caughtUp()) {
            to.fitAll(); // the public way to stop following without pausing the clock; the view is set below
        }
        vt.set(vf.startNs(), vf.nsPerPx());
        if (mode == PlaybackClock.Mode.PAUSED && to.clock().cursor() != from.clock().cursor()) {
            // a jump pauses one view at its own indexed end: both show data up to the same instant
            to.clock().setCursor(from.clock().cursor());
            to.renderNow();
        }
        if (mode == PlaybackClock.Mode.PLAYING) {
            to.setSpeed(from.clock().speed());
            if (to.clock().mode() != PlaybackClock.Mode.PLAYING || Math.abs(to.clock().cursor() - from.clock().cursor()) > vf.nsPerPx()) {
                to.clock().playFrom(from.clock().cursor());
            }
        }
    }

    /** What a view showed after the last round. */
    private static final class Seen {
        private boolean known;
        private boolean following;
        private PlaybackClock.Mode mode;
        private double startNs;
        private double nsPerPx;

        boolean known() { return known; }

        void forget() { known = false; }

        void take(TimelineView v) {
            known = true;
            following = v.following();
            mode = v.clock().mode();
            startNs = v.viewport().startNs();
            nsPerPx = v.viewport().nsPerPx();
        }

        /** Whether {@code v} changed since {@link #take} in a way its live follow does not explain. */
        boolean userMoved(TimelineView v) {
            if (!known) return false;
            if (v.following() != following || v.clock().mode() != mode) return true;
            if (v.viewport().nsPerPx() != nsPerPx) return true;
            boolean followsItself = following && mode != PlaybackClock.Mode.PAUSED;
            return !followsItself && v.viewport().startNs() != startNs;
        }
    }
}
