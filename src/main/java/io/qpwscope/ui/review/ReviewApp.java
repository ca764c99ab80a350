package io.qpwscope.ui.review;

import io.qpwscope.recording.OpenedRecording;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The GUI for {@code qpwscope open FILE [FILE2]}: a review window on one recording, or the
 * compare view on two, with no live engine. The command line loads (and so validates) the
 * files before the toolkit starts and hands them over through {@link #launch(List)}.
 */
public final class ReviewApp extends Application {
    private static volatile List<OpenedRecording> pending = List.of();

    /** Starts the toolkit on the recordings loaded by the command line; returns when the last window closes. */
    public static int launch(List<OpenedRecording> recordings) {
        pending = List.copyOf(recordings);
        Application.launch(ReviewApp.class);
        return 0;
    }

    @Override
    public void start(Stage stage) {
        List<OpenedRecording> r = pending;
        if (r.size() >= 2) {
            ReviewWindows.compare(stage, side(r.get(0)), side(r.get(1)));
        } else {
            ReviewWindows.review(stage, r.isEmpty() ? null : side(r.getFirst()));
        }
    }

    private static ComparePane.Side side(OpenedRecording o) {
        return new ComparePane.Side(o.file(), o.recording());
    }
}
