package io.qpwscope.ui.review;

import io.qpwscope.ui.timeline.TimelineView;
import io.qpwscope.ui.timeline.render.Viewport;
import javafx.animation.AnimationTimer;

/**
 * Two timelines on one time axis: B's time {@code t} is drawn where A shows
 * {@code t + offsetNs}. Once per frame, whichever viewport moved since the last frame (zoom,
 * pan, fit, keys) is copied to the other, so zooming or panning either one moves both. Both
 * views must have the same plot width (stacked in one column).
 */
public final class ViewSync {
    private final TimelineView a;
    private final TimelineView b;
    private final AnimationTimer timer;
    private long offsetNs;
    private long seenA = -1;
    private long seenB = -1;

    public ViewSync(TimelineView a, TimelineView b) {
        this.a = a;
        this.b = b;
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                sync();
            }
        };
        a.sceneProperty().addListener((o, x, s) -> {
            if (s != null) timer.start(); else timer.stop();
        });
    }

    /** Sets the offset added to B's timestamps and re-aligns B to A's view. */
    public void setOffset(long ns) {
        offsetNs = ns;
        copy(a.viewport(), b.viewport(), -ns);
        seenA = a.viewport().version();
        seenB = b.viewport().version();
    }

    public long offsetNs() { return offsetNs; }

    /** One round: copies a moved viewport to the other (A wins if both moved). */
    public void sync() {
        Viewport va = a.viewport(), vb = b.viewport();
        if (va.version() != seenA) {
            copy(va, vb, -offsetNs);
        } else if (vb.version() != seenB) {
            copy(vb, va, offsetNs);
        }
        seenA = va.version();
        seenB = vb.version();
    }

    private static void copy(Viewport from, Viewport to, long shift) {
        to.set(from.startNs() + shift, from.nsPerPx());
    }
}
