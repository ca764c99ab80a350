package io.qpwscope.ui;

import io.qpwscope.trace.RecordingWindow;
import io.qpwscope.ui.timeline.render.TimeFormat;

/** The status bar's words for a live recording's rolling window: empty until it first rolls. */
final class RollingWindowText {
    private RollingWindowText() {
    }

    /** @return {@code " · window: last 4 min 12 s (1.2 M older events dropped from memory)"}, or "" */
    static String of(RecordingWindow w) {
        if (!w.rolled()) return "";
        long s = w.spanNs() / 1_000_000_000L;
        String span = s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : TimeFormat.duration(w.spanNs());
        return " · window: last " + span + " (" + TimeFormat.count(w.droppedEvents()) + " older events dropped from memory)";
    }
}
