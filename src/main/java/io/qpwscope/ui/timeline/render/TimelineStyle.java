package io.qpwscope.ui.timeline.render;

import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * Sizes of the timeline at a given scale: 1.0 at a desk, about 1.6 in presentation mode so
 * that labels read from the back of a room. Fonts are built once per scale.
 */
public final class TimelineStyle {
    public final double scale;
    public final double gutterWidth;
    public final double rulerHeight;
    public final double minLaneHeight;
    public final double maxLaneHeight;
    public final double laneGap;
    public final double tickSpacing;
    public final Font font;
    public final Font smallFont;
    public final Font boldFont;
    public final Font laneFont;

    public TimelineStyle(double scale) {
        this.scale = scale;
        this.gutterWidth = Math.round(160 * scale);
        this.rulerHeight = Math.round(30 * scale);
        this.minLaneHeight = Math.round(46 * scale);
        this.maxLaneHeight = Math.round(120 * scale);
        this.laneGap = Math.max(2, Math.round(3 * scale));
        this.tickSpacing = 110 * scale;
        this.font = Font.font("System", 12 * scale);
        this.smallFont = Font.font("System", 10.5 * scale);
        this.boldFont = Font.font("System", FontWeight.BOLD, 12 * scale);
        this.laneFont = Font.font("System", FontWeight.BOLD, 15 * scale);
    }

    public static final TimelineStyle NORMAL = new TimelineStyle(1.0);
    public static final TimelineStyle PRESENTATION = new TimelineStyle(1.6);
}
