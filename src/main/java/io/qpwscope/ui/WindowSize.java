package io.qpwscope.ui;

import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;

/** Initial window sizes that fit the screen: a 1280x720 projector must see the whole window. */
public final class WindowSize {
    private WindowSize() {}

    /** @return the preferred size, shrunk to the primary screen's usable area where it is smaller. */
    public static Dimension2D fitted(double prefWidth, double prefHeight) {
        Rectangle2D vb = Screen.getPrimary().getVisualBounds();
        double w = vb.getWidth() > 0 ? Math.min(prefWidth, vb.getWidth()) : prefWidth;
        double h = vb.getHeight() > 0 ? Math.min(prefHeight, vb.getHeight()) : prefHeight;
        return new Dimension2D(w, h);
    }
}
