package io.qpwscope.ui.clip;

import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.ui.timeline.index.TimelineIndex;
import io.qpwscope.ui.timeline.render.FrameState;
import io.qpwscope.ui.timeline.render.Palette;
import io.qpwscope.ui.timeline.render.TimelineRenderer;
import io.qpwscope.ui.timeline.render.TimelineStyle;
import io.qpwscope.ui.timeline.render.Viewport;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Draws a clip's frames off screen: a canvas outside any scene, drawn by the lab's
 * {@link TimelineRenderer} from a {@link TimelineIndex}, then snapshotted. A timeline frame is
 * a header (scenario and mode), the timeline over the clip's range with the records up to the
 * frame's time shown (the slow-motion cursor, as in the lab), and a footer with the narration
 * caption reached at that time and the time label. 16:9, sized for a projector: text scales
 * with the width. FX thread only; the returned image is reused by the next call.
 */
public final class ClipFrames {
    private final TimelineIndex index;
    private final RecordingMeta meta;
    private final ClipPlan plan;
    private final ClipCaptions captions;
    private final int width;
    private final int height;
    private final double s;
    private final Canvas canvas;
    private final WritableImage image;
    private final SnapshotParameters params = new SnapshotParameters();
    private final TimelineRenderer renderer = new TimelineRenderer();
    private final Viewport viewport = new Viewport();
    private final FrameState frame = new FrameState();
    private final Palette palette = Palette.DARK;
    private final Font titleFont, headFont, textFont, timeFont;
    private final double headerH, footerH;

    public ClipFrames(TimelineIndex index, RecordingMeta meta, ClipPlan plan, ClipCaptions captions, int width) {
        this.index = index;
        this.meta = meta;
        this.plan = plan;
        this.captions = captions;
        this.width = even(width);
        this.height = even((int) Math.round(width * 9 / 16.0));
        this.s = this.width / 1280.0;
        canvas = new Canvas(this.width, this.height);
        image = new WritableImage(this.width, this.height);
        params.setFill(palette.background);
        titleFont = Font.font("System", FontWeight.BOLD, 46 * s);
        headFont = Font.font("System", FontWeight.BOLD, 22 * s);
        textFont = Font.font("System", 24 * s);
        timeFont = Font.font("System", FontWeight.BOLD, 28 * s);
        headerH = Math.round(44 * s);
        footerH = Math.round(118 * s);
        renderer.setPalette(palette);
        renderer.setStyle(new TimelineStyle(1.3 * s));
        frame.badge = ClipSettings.speedLabel(plan.speed()) + (plan.speed() < 1 ? "×" : "");
    }

    public int width() { return width; }

    public int height() { return height; }

    /** The title card. */
    public WritableImage title() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setFill(palette.background);
        gc.fillRect(0, 0, width, height);
        List<String> lines = TitleCard.lines(meta, plan);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        double y = height * 0.26;
        gc.setFill(palette.text);
        gc.setFont(titleFont);
        gc.fillText(fit(lines.get(0), titleFont, width * 0.9), width / 2.0, y);
        y += 40 * s;
        Font modeFont = Font.font("System", FontWeight.BOLD, 30 * s);
        for (int i = 1; i < lines.size(); i++) {
            Font f = i == 1 ? modeFont : textFont;
            gc.setFont(f);
            gc.setFill(i == 1 ? (meta.effectiveQpw() == 1 ? Palette.BLUISH_GREEN : Palette.ORANGE)
                    : i == 2 || i == lines.size() - 2 ? palette.mutedText : i == lines.size() - 1 ? Palette.SKY_BLUE : palette.text);
            if (lines.get(i).isEmpty()) continue;
            y += (i == 1 ? 30 : i == 2 ? 4 : i == lines.size() - 1 ? 34 : 22) * s;
            for (String part : wrap(lines.get(i), f, width * 0.92, 2)) {
                y += f.getSize() * 1.3;
                gc.fillText(part, width / 2.0, y);
            }
        }
        return snapshot();
    }

    /** The timeline frame at recording time {@code tNs} (ns since the origin). */
    public WritableImage at(double tNs) {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setFill(palette.background);
        gc.fillRect(0, 0, width, height);
        double plotH = height - headerH - footerH;
        renderer.layout(index, viewport, width, plotH);
        viewport.fit(plan.fromNs(), plan.toNs());
        frame.dataEnd = tNs;
        frame.cursor = tNs;
        gc.save();
        gc.translate(0, headerH);
        renderer.render(gc, index, viewport, frame, width, plotH);
        gc.restore();
        header(gc);
        footer(gc, tNs);
        return snapshot();
    }

    /** {top, bottom} of a lane's band in the last timeline frame, in image pixels. */
    double[] laneBand(int lane) {
        double top = headerH + renderer.layout().laneTop(lane);
        return new double[] {top, top + renderer.layout().laneBodyHeight()};
    }

    /** Image x of recording time {@code tNs} in the last timeline frame. */
    double x(double tNs) {
        return renderer.x(tNs);
    }

    private void header(GraphicsContext gc) {
        gc.setFill(palette.gutterBackground);
        gc.fillRect(0, 0, width, headerH);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFont(headFont);
        gc.setFill(palette.text);
        String name = meta.scenarioName() == null ? "recording" : meta.scenarioName();
        gc.fillText(fit(name, headFont, width * 0.55), 14 * s, headerH / 2);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setFill(meta.effectiveQpw() == 1 ? Palette.BLUISH_GREEN : Palette.ORANGE);
        gc.fillText("qpw=" + meta.effectiveQpw() + (meta.effectiveQpw() == 1 ? "  per-CPU spinlocks" : "  kworker drain"),
                width - 14 * s, headerH / 2);
    }

    private void footer(GraphicsContext gc, double tNs) {
        double top = height - footerH;
        gc.setFill(palette.gutterBackground);
        gc.fillRect(0, top, width, footerH);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.setFont(timeFont);
        gc.setFill(Palette.SKY_BLUE);
        String time = "t = " + timeLabel(tNs, plan) + ", " + ClipSettings.speedLabel(plan.speed()) + " speed";
        gc.fillText(time, 16 * s, top + 12 * s);
        String caption = captions.at(tNs);
        if (!caption.isEmpty()) {
            gc.setFont(textFont);
            gc.setFill(palette.text);
            List<String> lines = wrap(caption, textFont, width - 32 * s, 2);
            for (int i = 0; i < lines.size(); i++) gc.fillText(lines.get(i), 16 * s, top + (54 + 30 * i) * s);
        }
    }

    private WritableImage snapshot() {
        return canvas.snapshot(params, image);
    }

    /** "951.23 ms": the recording time in ms, with as many decimals as one frame's step needs. */
    public static String timeLabel(double tNs, ClipPlan plan) {
        double stepMs = (plan.toNs() - plan.fromNs()) / 1e6 / Math.max(1, plan.frames());
        int decimals = (int) Math.max(1, Math.min(6, Math.ceil(-Math.log10(stepMs))));
        return String.format(Locale.ROOT, "%." + decimals + "f ms", tNs / 1e6);
    }

    private static String fit(String text, Font font, double max) {
        if (width(text, font) <= max) return text;
        String t = text;
        while (t.length() > 1 && width(t + "…", font) > max) t = t.substring(0, t.length() - 1);
        return t + "…";
    }

    static List<String> wrap(String text, Font font, double max, int maxLines) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String next = line.isEmpty() ? word : line + " " + word;
            if (width(next, font) <= max || line.isEmpty()) {
                line.setLength(0);
                line.append(next);
            } else {
                out.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty()) out.add(line.toString());
        if (out.size() > maxLines) {
            List<String> head = new java.util.ArrayList<>(out.subList(0, maxLines));
            head.set(maxLines - 1, fit(head.get(maxLines - 1) + " " + out.get(maxLines), font, max));
            return head;
        }
        for (int i = 0; i < out.size(); i++) out.set(i, fit(out.get(i), font, max));
        return out;
    }

    private static double width(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    private static int even(int v) {
        return v + (v & 1);
    }
}
