package io.qpwscope.ui;

import io.qpwscope.ui.timeline.render.Palette;
import io.qpwscope.ui.timeline.index.SpanKind;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/** The legend under the timeline: every state colour, the arrows, and the keys. Always shown. */
public final class LegendBar extends FlowPane {
    private Palette palette = Palette.DARK;

    public LegendBar() {
        getStyleClass().add("legend-bar");
        setHgap(14);
        setVgap(4);
        setPadding(new Insets(4, 10, 4, 10));
        build();
    }

    public void setPalette(Palette p) {
        palette = p;
        build();
    }

    private void build() {
        getChildren().clear();
        swatch(SpanKind.TASK_USER, "task running");
        swatch(SpanKind.TASK_KWORKER, "kworker / work in kworker");
        swatch(SpanKind.INTERRUPTION, "interruption (isolated CPU)");
        swatch(SpanKind.NOISE, "noise / flush wait");
        swatch(SpanKind.LOCK_LOCAL, "local lock held");
        swatch(SpanKind.REMOTE_HELD, "lock held by a remote CPU");
        swatch(SpanKind.WORK_INLINE, "remote drain, work inline in caller");
        swatch(SpanKind.SPIN, "spin-wait");
        swatch(SpanKind.LOCK_BLOCK, "blocked on lock (RT)");
        hatch(false, "host steal (waiting for a host core)");
        hatch(true, "host pause (thread descheduled)");
        arrow(Palette.ORANGE, false, "queued → kworker ran it");
        arrow(Palette.BLUISH_GREEN, false, "queued → caller ran it");
        arrow(palette.neutral, true, "queued, not run yet");
        arrow(Palette.REDDISH_PURPLE, false, "live qpw switch");
        Label keys = new Label("wheel/W S zoom · drag/A D pan · shift-drag select · click details · J last drain · F live · Space pause · F5 present");
        keys.getStyleClass().add("legend-keys");
        getChildren().add(keys);
    }

    private void swatch(SpanKind k, String text) {
        Color c = palette.base(k);
        Rectangle r = new Rectangle(18, 12, c);
        r.setArcWidth(4);
        r.setArcHeight(4);
        if (k == SpanKind.SPIN) r.setStroke(palette.dark ? Color.TRANSPARENT : Color.web("#555"));
        item(r, text);
    }

    /** A hatch swatch: band height in a task row = share of a host sample; over an interval = its host part. */
    private void hatch(boolean pause, String text) {
        Rectangle back = new Rectangle(18, 12, palette.host.body(pause));
        Rectangle r = new Rectangle(18, 12, palette.host.hatch(pause));
        r.setStroke(palette.host.colour(pause));
        r.setStrokeWidth(0.8);
        item(new javafx.scene.layout.StackPane(back, r), text);
    }

    private void arrow(Color c, boolean dashed, String text) {
        Line l = new Line(0, 6, 22, 6);
        l.setStroke(c);
        l.setStrokeWidth(2.5);
        if (dashed) l.getStrokeDashArray().setAll(5.0, 3.0);
        item(l, text);
    }

    private void item(javafx.scene.Node n, String text) {
        Label l = new Label(text);
        l.getStyleClass().add("legend-label");
        HBox box = new HBox(6, n, l);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().add(box);
    }
}
