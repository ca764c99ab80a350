package io.qpwscope.ui.ab;

import io.qpwscope.engine.Engine;
import io.qpwscope.engine.EngineStats;
import io.qpwscope.trace.CpuMetrics;
import io.qpwscope.ui.KernelFiguresLine;
import io.qpwscope.ui.QpwModeText;
import io.qpwscope.ui.timeline.TimelineView;
import io.qpwscope.ui.timeline.index.HostFigures;
import io.qpwscope.ui.timeline.index.RecordingTimelineSource;
import io.qpwscope.ui.timeline.render.TimelineStyle;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One machine of the A/B pair as a lane group: a title naming its side and mode, one line of
 * its key kernel figures, and its lanes in a {@link TimelineView} of their own (the index of
 * one recording; work arrows never cross between machines).
 */
public final class AbSide extends VBox {
    /** The dashboard's host window: the share is over this much of the latest trace. */
    static final long HOST_WINDOW_NS = 5_000_000_000L;

    private final String tag;
    private final Label title = new Label();
    private final Label figures = new Label("no run");
    private final TimelineView view = new TimelineView();
    private Engine engine;
    private long shiftNs;
    private boolean presentation;

    public AbSide(String tag, int qpw) {
        this.tag = tag;
        getStyleClass().addAll("ab-side", "ab-side-" + tag.toLowerCase(java.util.Locale.ROOT));
        title.getStyleClass().add("ab-title");
        figures.getStyleClass().add("ab-figures");
        showTitle(qpw, null);
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        figures.setMinWidth(0);
        HBox head = new HBox(18, title, figures);
        head.setPadding(new Insets(2, 8, 2, 8));
        head.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        getChildren().addAll(head, view);
        VBox.setVgrow(view, Priority.ALWAYS);
        view.heightProperty().addListener((o, a, h) -> fitStyle());
    }

    /**
     * Presentation mode: the timeline's presentation scale, lowered as far as needed for every
     * lane of this group to fit its height (two groups share a projector's 720 rows; lane 3
     * must stay in view). At a desk the normal style.
     */
    public void setPresentation(boolean on) {
        presentation = on;
        view.setPresentation(on);
        fitStyle();
    }

    private void fitStyle() {
        if (!presentation) return;
        int lanes = view.index() == null ? 4 : Math.max(1, view.index().cpus());
        TimelineStyle full = TimelineStyle.PRESENTATION;
        double fits = view.getHeight() / (full.rulerHeight / full.scale + lanes * full.minLaneHeight / full.scale);
        double scale = Math.max(1.0, Math.min(full.scale, Math.floor(fits * 20) / 20));
        if (scale != view.renderer().style().scale) {
            view.renderer().setStyle(scale == full.scale ? full : new TimelineStyle(scale));
            view.renderNow();
        }
    }

    /**
     * Shows {@code e}'s recording, following it live, on a clock {@code shiftNs} ahead of the
     * engine's own (the pair's common clock: see {@link AbPane#clockShifts}).
     */
    public void show(Engine e, long shiftNs) {
        engine = e;
        this.shiftNs = shiftNs;
        view.setSource(new ClockShiftedSource(new RecordingTimelineSource(e.recording()), shiftNs));
        fitStyle();
        showTitle(e.qpw(), e.boot().configQpw() ? null : "CONFIG_QPW=n");
        refresh();
    }

    /** Re-reads the engine's counters and the view's host split (a few times a second). */
    public void refresh() {
        if (engine == null) return;
        EngineStats s = engine.stats();
        HostFigures f = view.index() == null || view.index().indexedEvents() == 0 ? null : HostFigures.compute(view.index(), HOST_WINDOW_NS);
        figures.setText(KernelFiguresLine.of(s, f));
        if (view.frame().laneTitles == null || view.frame().laneTitles.length != s.cpus().size()) {
            String[] titles = new String[s.cpus().size()];
            for (CpuMetrics c : s.cpus()) titles[c.cpu()] = c.task();
            view.setLaneTitles(titles);
        }
    }

    private void showTitle(int qpw, String note) {
        title.setText(tag + " · " + QpwModeText.of(qpw) + (note == null ? "" : " (" + note + ")"));
    }

    public TimelineView view() { return view; }

    /** The engine shown, null before the first run. */
    public Engine engine() { return engine; }

    /** ns added to the engine's timestamps to put them on the pair's clock (0 for the side that started first). */
    public long shiftNs() { return shiftNs; }

    public String titleText() { return title.getText(); }

    public String figuresText() { return figures.getText(); }
}
