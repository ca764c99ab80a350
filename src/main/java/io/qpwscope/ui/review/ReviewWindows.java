package io.qpwscope.ui.review;

import java.util.Objects;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Builds the review and compare windows (own stages, the lab's stylesheets, dark theme). */
public final class ReviewWindows {
    private ReviewWindows() {}

    /** A review window on {@code s} (or empty, with Open…, if null). */
    public static ReviewPane review(Stage stage, ComparePane.Side s) {
        ReviewPane pane = new ReviewPane(RecentFiles.user());
        pane.setCompareOpener((a, b) -> compare(new Stage(), a, b).getScene().getWindow());
        stage.setScene(scene(pane, 1500, 900));
        stage.setTitle("QPW Scope — review");
        if (s != null) {
            pane.show(s.file(), s.recording());
            stage.setTitle("QPW Scope — review — " + (s.file() == null ? "unsaved" : s.file().getFileName()));
        }
        stage.show();
        return pane;
    }

    /** A compare window on A and B. */
    public static ComparePane compare(Stage stage, ComparePane.Side a, ComparePane.Side b) {
        ComparePane pane = new ComparePane(a, b);
        stage.setScene(scene(pane, 1600, 960));
        stage.setTitle("QPW Scope — compare — A: " + name(a) + "  B: " + name(b));
        stage.show();
        return pane;
    }

    private static String name(ComparePane.Side s) {
        return s.file() == null ? "unsaved" : s.file().getFileName().toString();
    }

    static Scene scene(Parent root, double w, double h) {
        javafx.geometry.Dimension2D size = io.qpwscope.ui.WindowSize.fitted(w, h);
        Scene scene = new Scene(root, size.getWidth(), size.getHeight());
        scene.getStylesheets().addAll(css("app.css"), css("dark.css"));
        return scene;
    }

    private static String css(String name) {
        return Objects.requireNonNull(ReviewWindows.class.getResource("/io/qpwscope/ui/" + name), name).toExternalForm();
    }
}
