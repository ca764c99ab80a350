package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.index.PixelSummary;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import javafx.scene.canvas.GraphicsContext;

/**
 * Draws one frame of the timeline into a canvas, in stages: lane backgrounds and grid, state
 * rows from the {@link PixelSummary}, labels and markers, work arrows, the ruler, bookmarks,
 * overlays (mode switches, selection, cursor), and the lane gutter. The renderer keeps every
 * per-frame buffer between frames; a redraw of an unchanged view allocates nothing.
 * FX thread only (a canvas outside a scene may be drawn from a test thread).
 */
public final class TimelineRenderer {
    public final PixelSummary summary = new PixelSummary();
    public final LaneLayout layout = new LaneLayout();
    public final LabelCache durations = new LabelCache(1024, TimeFormat::duration);
    public final RulerStage ruler = new RulerStage();
    /** Text drawn in the ruler this frame (time labels, flag names). */
    public final RulerText rulerText = new RulerText();
    public final BookmarkStage bookmarks = new BookmarkStage();
    private final RenderStage[] stages = {
        new BackgroundStage(), new StateStage(), new HostStage(), new LabelStage(), new ArrowStage(),
        ruler, bookmarks, new OverlayStage(), new GutterStage()
    };
    private boolean[] visible = new boolean[0];

    public TimelineIndex index;
    public Viewport viewport;
    public FrameState frame;
    public Palette palette = Palette.DARK;
    public TimelineStyle style = TimelineStyle.NORMAL;
    public double canvasWidth;
    public double canvasHeight;
    /** Arrows that were not drawn because too many were in view (0 if drawn). */
    public int arrowsHidden;

    public LaneLayout layout() { return layout; }

    public PixelSummary summary() { return summary; }

    public void setPalette(Palette p) { palette = p; }

    public Palette palette() { return palette; }

    public void setStyle(TimelineStyle s) { style = s; }

    public TimelineStyle style() { return style; }

    /** Plot width for a canvas of this width (the viewport's pixel count). */
    public int plotWidth(double width) {
        return (int) Math.max(1, Math.floor(width - style.gutterWidth));
    }

    /** Lays out lanes for the canvas size; call before rendering or hit testing. */
    public void layout(TimelineIndex idx, Viewport vp, double width, double height) {
        index = idx;
        viewport = vp;
        canvasWidth = width;
        canvasHeight = height;
        vp.setWidth(plotWidth(width));
        layout.update(idx.cpus(), height, style);
    }

    public void render(GraphicsContext gc, TimelineIndex idx, Viewport vp, FrameState state, double width, double height) {
        layout(idx, vp, width, height);
        frame = state;
        int n = idx.cpus();
        if (visible.length != n) visible = new boolean[n];
        for (int l = 0; l < n; l++) visible[l] = layout.laneVisible(l, height);
        summary.compute(idx, vp, state.dataEnd, visible);
        for (RenderStage s : stages) s.draw(this, gc);
    }

    public boolean visible(int lane) { return lane >= 0 && lane < visible.length && visible[lane]; }

    /** Canvas x of time t. */
    public double x(double t) { return style.gutterWidth + viewport.xOf(t); }

    public double plotLeft() { return style.gutterWidth; }

    public double plotRight() { return style.gutterWidth + summary.columns(); }

    /** The pieces of a frame, drawn in order. */
    interface RenderStage {
        void draw(TimelineRenderer r, GraphicsContext gc);
    }
}
