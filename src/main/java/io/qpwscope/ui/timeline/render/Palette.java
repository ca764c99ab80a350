package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.index.SpanKind;
import javafx.scene.paint.Color;

/**
 * Colours of the timeline. States use the Okabe–Ito palette (Okabe &amp; Ito 2008, safe for
 * the common colour-vision deficiencies); each state colour is pre-built at four opacity
 * levels so that drawing a pixel summary allocates nothing.
 */
public final class Palette {
    public static final Color ORANGE = Color.web("#E69F00");
    public static final Color SKY_BLUE = Color.web("#56B4E9");
    public static final Color BLUISH_GREEN = Color.web("#009E73");
    public static final Color YELLOW = Color.web("#F0E442");
    public static final Color BLUE = Color.web("#0072B2");
    public static final Color VERMILLION = Color.web("#D55E00");
    public static final Color REDDISH_PURPLE = Color.web("#CC79A7");
    public static final Color BLACK = Color.web("#000000");

    /** Opacity for occupancy levels 0..3 (a pixel's state present a little .. all the time). */
    public static final double[] LEVEL_ALPHA = {0.40, 0.60, 0.80, 1.0};
    public static final int LEVELS = LEVEL_ALPHA.length;

    public final boolean dark;
    public final Color background;
    public final Color laneBackground;
    public final Color laneAltBackground;
    public final Color isolatedBackground;
    public final Color gutterBackground;
    public final Color rulerBackground;
    public final Color grid;
    public final Color text;
    public final Color mutedText;
    public final Color selection;
    public final Color future;
    public final Color neutral;
    /** Behind badges and notes drawn over the plot. */
    public final Color backdrop;
    /** Over stretches the UI skipped. */
    public final Color gap;
    private final Color[][] state;
    /** Hatches for the host's share (steal, pause). */
    public final HostHatch host;

    private Palette(boolean dark) {
        this.dark = dark;
        if (dark) {
            background = Color.web("#16181c");
            laneBackground = Color.web("#1d2026");
            laneAltBackground = Color.web("#21252c");
            isolatedBackground = Color.web("#2d2118");
            gutterBackground = Color.web("#121418");
            rulerBackground = Color.web("#121418");
            grid = Color.web("#ffffff", 0.09);
            text = Color.web("#eceff4");
            mutedText = Color.web("#9aa3b2");
            selection = Color.web("#56B4E9", 0.18);
            future = Color.web("#000000", 0.35);
            neutral = Color.web("#9aa3b2");
            gap = Color.web("#5c6470", 0.55);
            backdrop = Color.web("#000000", 0.6);
        } else {
            background = Color.web("#ffffff");
            laneBackground = Color.web("#f6f7f9");
            laneAltBackground = Color.web("#eef0f3");
            isolatedBackground = Color.web("#fbeee3");
            gutterBackground = Color.web("#ffffff");
            rulerBackground = Color.web("#ffffff");
            grid = Color.web("#000000", 0.08);
            text = Color.web("#111418");
            mutedText = Color.web("#5c6470");
            selection = Color.web("#0072B2", 0.14);
            future = Color.web("#000000", 0.06);
            neutral = Color.web("#6b7280");
            gap = Color.web("#9aa3b2", 0.55);
            backdrop = Color.web("#ffffff", 0.9);
        }
        host = new HostHatch(this);
        state = new Color[SpanKind.count()][LEVELS];
        for (SpanKind k : SpanKind.values()) {
            Color base = base(k);
            for (int l = 0; l < LEVELS; l++) {
                state[k.ordinal()][l] = base == null ? Color.TRANSPARENT
                        : Color.color(base.getRed(), base.getGreen(), base.getBlue(), LEVEL_ALPHA[l]);
            }
        }
    }

    public static final Palette DARK = new Palette(true);
    public static final Palette LIGHT = new Palette(false);

    /** The full-opacity colour of a state (legend, labels). */
    public Color base(SpanKind k) {
        return switch (k) {
            case TASK_USER -> SKY_BLUE;
            case TASK_IDLE -> null;
            case NOISE -> neutral;
            case TASK_KWORKER, WORK_KWORKER -> ORANGE;
            case INTERRUPTION -> VERMILLION;
            case LOCK_LOCAL -> BLUE;
            case REMOTE_HOLDING, WORK_INLINE -> BLUISH_GREEN;
            case SPIN -> YELLOW;
            case REMOTE_HELD -> REDDISH_PURPLE;
            case LOCK_BLOCK -> VERMILLION;
            case FLUSH_WAIT -> neutral;
            case TRIGGER, MODE_SWITCH -> text;
            case GAP, DROPPED -> gap;
            case HOST_SAMPLE -> dark ? text : BLACK;
        };
    }

    public Color state(int kindOrdinal, int level) {
        return state[kindOrdinal][level];
    }

    /** @return the opacity level for a pixel whose state covers {@code fraction} of it. */
    public static int level(float fraction) {
        if (fraction >= 0.75f) return 3;
        if (fraction >= 0.40f) return 2;
        if (fraction >= 0.10f) return 1;
        return 0;
    }
}
