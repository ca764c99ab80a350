package io.qpwscope.ui;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.qpwscope.engine.EngineStats;
import io.qpwscope.trace.CpuMetrics;
import io.qpwscope.ui.timeline.index.HostFigures;
import io.qpwscope.ui.timeline.render.HostSplitText;
import io.qpwscope.ui.timeline.render.Palette;
import io.qpwscope.ui.timeline.render.TimeFormat;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.paint.Color;

/**
 * The TilesFX dashboard above the timeline: mode, isolated-CPU interruptions and noise (the
 * kernel's part, wall time in small print), the host's steal + pause of the worst CPU,
 * remote lock operations per second, work queued vs executed, the calibrated fast-path cost
 * per mode, and trace throughput. Updated from {@link EngineStats} snapshots a few times a second — never
 * per event.
 */
public final class DashboardTiles extends HBox {
    private final Tile mode;
    private final Tile interruptions;
    private final Tile remote;
    private final Tile work;
    private final Tile steal;
    private final Tile fastPath;
    private final Tile trace;
    /** A host share from which the steal figure is drawn in warning colour. */
    static final double STEAL_WARN = 0.10;
    private EngineStats last;
    private HostFigures figures;
    private long lastAtNs;

    public DashboardTiles() {
        getStyleClass().add("dashboard");
        setSpacing(8);
        setPadding(new Insets(6, 8, 6, 8));
        mode = TileBuilder.create().skinType(Tile.SkinType.TEXT).title("QPW mode").text("")
                .description("—").descriptionAlignment(javafx.geometry.Pos.CENTER).textVisible(true).build();
        interruptions = TileBuilder.create().skinType(Tile.SkinType.NUMBER).title("Isolated-CPU interruptions")
                .value(0).decimals(0).description("").text("").textVisible(true).build();
        steal = TileBuilder.create().skinType(Tile.SkinType.NUMBER).title("Host steal + pause (worst CPU)")
                .unit("%").decimals(1).description("no samples").text("").textVisible(true).build();
        remote = TileBuilder.create().skinType(Tile.SkinType.SPARK_LINE).title("Remote lock ops / s")
                .decimals(0).averagingPeriod(40).build();
        work = TileBuilder.create().skinType(Tile.SkinType.TEXT).title("Work queued → executed").description("—")
                .descriptionAlignment(javafx.geometry.Pos.CENTER).textVisible(true).build();
        fastPath = TileBuilder.create().skinType(Tile.SkinType.NUMBER).title("Fast path (kmalloc/kfree)")
                .unit("ns/op").decimals(0).description("").text("").textVisible(true).build();
        trace = TileBuilder.create().skinType(Tile.SkinType.NUMBER).title("Trace records / s")
                .unit("M/s").decimals(2).description("").build();
        for (Tile t : tiles()) {
            t.setPrefSize(220, 128);
            t.setMinWidth(150);
            HBox.setHgrow(t, Priority.ALWAYS);
            t.setMaxWidth(Double.MAX_VALUE);
        }
        getChildren().addAll(tiles());
    }

    public List<Tile> tiles() {
        return List.of(mode, interruptions, steal, remote, work, fastPath, trace);
    }

    /** Tile height and text for a desk or a projector. */
    public void setPresentation(boolean on) {
        for (Tile t : tiles()) {
            t.setPrefHeight(on ? 170 : 128);
            t.setTextSize(on ? Tile.TextSize.BIGGER : Tile.TextSize.NORMAL);
        }
    }

    public void setTheme(Palette p) {
        Color bg = p.dark ? Color.web("#23272e") : Color.web("#f1f3f6");
        Color fg = p.dark ? Color.web("#eceff4") : Color.web("#111418");
        Color muted = p.dark ? Color.web("#b4bcc8") : Color.web("#4b5563");
        for (Tile t : tiles()) {
            t.setBackgroundColor(bg);
            t.setTitleColor(muted);
            t.setValueColor(fg);
            t.setUnitColor(muted);
            t.setDescriptionColor(fg);
            t.setTextColor(muted);
            t.setForegroundBaseColor(fg);
            t.setBarColor(Palette.REDDISH_PURPLE);
        }
    }

    /** Shows the mode the engine is in now and why. */
    public void showMode(int qpw, String reason) {
        mode.setDescription(qpw < 0 ? "—" : qpw == 1 ? "qpw=1 · spinlocks" : "qpw=0 · local_lock");
        mode.setText(reason == null ? "" : reason);
        mode.setDescriptionColor(qpw == 1 ? Palette.BLUISH_GREEN : qpw == 0 ? Palette.ORANGE : mode.getTitleColor());
    }

    /** Updates every tile from a stats snapshot; rates are computed against the previous one. */
    public void update(EngineStats s) {
        if (s == null) return;
        long now = System.nanoTime();
        double dt = last == null ? 0 : (now - lastAtNs) / 1e9;
        long isoInts = s.isolatedInterruptions();
        interruptions.setValue(isoInts);
        interruptions.setValueColor(isoInts > 0 ? Palette.VERMILLION : interruptions.getTitleColor());
        long noiseMax = 0;
        for (CpuMetrics c : s.cpus()) if (c.isolated()) noiseMax = Math.max(noiseMax, c.noiseMaxNs());
        if (figures == null) {
            interruptions.setDescription("longest " + TimeFormat.duration(s.isolatedInterruptionMaxNs())
                    + " · max noise " + TimeFormat.duration(noiseMax));
            interruptions.setText("wall time (host included)");
        }
        if (dt > 0 && last != null && s.remoteLockOps() >= last.remoteLockOps()) {
            remote.setValue((s.remoteLockOps() - last.remoteLockOps()) / dt);
        }
        long inline = 0;
        for (CpuMetrics c : s.cpus()) inline += c.workExecutedInline();
        work.setDescription(TimeFormat.count(s.workQueued()) + " → " + TimeFormat.count(s.workExecuted()));
        work.setText("inline " + TimeFormat.count(inline) + " · kworker " + TimeFormat.count(s.workExecuted() - inline)
                + (s.workQueued() > s.workExecuted() ? " · pending " + (s.workQueued() - s.workExecuted()) : ""));
        showFastPath(s);
        if (dt > 0 && last != null && s.traceEvents() >= last.traceEvents()) {
            trace.setValue((s.traceEvents() - last.traceEvents()) / dt / 1e6);
        }
        trace.setDescription(TimeFormat.count(s.traceEvents()) + " records · " + TimeFormat.count(s.overruns()) + " overruns");
        trace.setValueColor(s.overruns() > 0 && last != null && s.overruns() > last.overruns() ? Palette.ORANGE : trace.getTitleColor());
        last = s;
        lastAtNs = now;
    }

    /**
     * Shows the calibrated fast-path cost: the median of an untraced, paired calibration with
     * its 95 % interval per mode ({@code EngineStats.fastPathNsPerOpQpw0/1} and their Low/High).
     */
    private void showFastPath(EngineStats s) {
        double q0 = s.fastPathNsPerOpQpw0(), q1 = s.fastPathNsPerOpQpw1();
        double cur = s.qpw() == 1 ? q1 : q0;
        fastPath.setValue(Double.isNaN(cur) ? 0 : cur);
        fastPath.setDescription(fastPathLine(q0, s.fastPathNsPerOpQpw0Low(), s.fastPathNsPerOpQpw0High(),
                q1, s.fastPathNsPerOpQpw1Low(), s.fastPathNsPerOpQpw1High()));
        fastPath.setText("calibrated untraced, paired · median [95 % interval]");
    }

    /** "qpw=0 42 ns [40–45] · qpw=1 44 ns [41–47] · 1.05×" (— where a mode has no figure). */
    static String fastPathLine(double q0, double q0Low, double q0High, double q1, double q1Low, double q1High) {
        String d = "qpw=0 " + ns(q0) + interval(q0Low, q0High) + " · qpw=1 " + ns(q1) + interval(q1Low, q1High);
        if (!Double.isNaN(q0) && !Double.isNaN(q1) && q0 > 0) d += String.format(Locale.ROOT, " · %.2f×", q1 / q0);
        return d;
    }

    private static String interval(double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high)) return "";
        return String.format(Locale.ROOT, " [%.0f–%.0f]", low, high);
    }

    /**
     * Shows the host's share per CPU and the isolated CPUs' kernel figures (wall time in the
     * small print), computed from the timeline's index.
     */
    public void showHost(HostFigures f) {
        figures = f;
        if (f == null) return;
        interruptions.setDescription("longest " + HostSplitText.brief(f.isolatedInterruptionKernelMaxNs())
                + " kernel · max noise " + HostSplitText.brief(f.isolatedNoiseKernelMaxNs()) + " kernel");
        interruptions.setText("wall (host included): " + HostSplitText.brief(f.isolatedInterruptionWallMaxNs())
                + " · noise " + HostSplitText.brief(f.isolatedNoiseWallMaxNs()));
        steal.setTitle("Host steal + pause, last " + HostSplitText.brief(f.windowNs()));
        double worst = f.worstShare();
        steal.setValue(Double.isNaN(worst) ? 0 : 100 * worst);
        steal.setValueColor(!Double.isNaN(worst) && worst >= STEAL_WARN ? Palette.VERMILLION : steal.getTitleColor());
        steal.setDescription(f.worstCpu() < 0 ? "no samples" : "worst: cpu" + f.worstCpu());
        steal.setText(perCpu(f));
    }

    /** "cpu0 2 % · cpu1 31 % · …" over the CPUs that have samples. */
    static String perCpu(HostFigures f) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < f.hostShare().length; c++) {
            if (Double.isNaN(f.hostShare()[c])) continue;
            if (!b.isEmpty()) b.append(" · ");
            b.append(String.format(Locale.ROOT, "cpu%d %.0f %%", c, 100 * f.hostShare()[c]));
        }
        return b.toString();
    }

    /** Forgets the previous snapshot (a new run started). */
    public void reset() {
        last = null;
        figures = null;
        remote.clearData();
    }

    private static String ns(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.0f ns", v);
    }
}
