package io.qpwscope.ui.timeline.render;

import io.qpwscope.ui.timeline.TimelineView;
import io.qpwscope.ui.timeline.input.TimelineHit;

/**
 * What a frame shows besides the data: the playback cursor, hover, selection, badges. Owned
 * by the view, read by the renderer; reused from frame to frame. FX thread only.
 */
public final class FrameState {
    /** Records after this time are not shown (the live edge, or the slow-motion cursor). */
    public double dataEnd;
    /** Where to draw the playback cursor line, or NaN. */
    public double cursor = Double.NaN;
    /** Top-right badge: "LIVE", "1/1000×", "PAUSED". */
    public String badge = "";
    /** Whether the badge marks live data (drawn with a red dot). */
    public boolean live;
    /** Canvas x of the mouse, or NaN. */
    public double hoverX = Double.NaN;
    /** Selected time range, or NaN. */
    public double selStart = Double.NaN;
    public double selEnd = Double.NaN;
    /** The item clicked last, or null. */
    public TimelineHit selected;
    /** Per-CPU subtitle under the lane name (the workload), or null. */
    public String[] laneTitles;
    /**
     * Bookmarks (review mode), or null: time (ns since origin), CPU lane or -1 for all CPUs,
     * and text, index by index. Set through {@link TimelineView#setBookmarks}.
     */
    public long[] bookmarkTs;
    public int[] bookmarkCpu;
    public String[] bookmarkText;
    /** A line shown under the badge (e.g. "indexing 40 %"), or null. */
    public String note;
}
