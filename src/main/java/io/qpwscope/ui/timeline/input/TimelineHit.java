package io.qpwscope.ui.timeline.input;

import io.qpwscope.ui.timeline.index.LaneRow;
import io.qpwscope.ui.timeline.index.SpanKind;
import java.util.List;

/**
 * What is under a point of the timeline, as the hover card and the details pane show it.
 *
 * @param lane    CPU lane
 * @param row     row within the lane
 * @param kind    the state found, or null for a pixel summary / dense record
 * @param title   one line, e.g. "Interruption 12.3 µs"
 * @param startNs start of the item (ns since origin)
 * @param endNs   end of the item
 * @param lines   details, each one line (times, CPUs, kernel functions in v3 and v4 spelling)
 */
public record TimelineHit(int lane, LaneRow row, SpanKind kind, String title, long startNs, long endNs,
                          List<String> lines) {

    public String text() {
        StringBuilder b = new StringBuilder(title);
        for (String l : lines) b.append('\n').append(l);
        return b.toString();
    }
}
