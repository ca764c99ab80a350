package io.qpwscope.ui.ab;

import io.qpwscope.engine.host.HostCores;
import io.qpwscope.scenario.Scenario;
import io.qpwscope.trace.Trigger;
import io.qpwscope.ui.ControlBar;
import io.qpwscope.ui.PlaybackBar;
import io.qpwscope.ui.timeline.render.KernelText;
import io.qpwscope.ui.timeline.render.Palette;
import io.qpwscope.ui.timeline.render.TimeFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Live A/B: the same scenario on two machines at once, qpw=0 above (A) and qpw=1 below (B),
 * on one time axis ({@link AbAxis}). A trigger button queues the command into both machines
 * in one step; with the scenario's timed triggers off (the default) each press is one drain
 * in each, so an audience sees lane 3 interrupted in A and untouched in B. One line of key
 * kernel figures per side; the bottom line says when the two machines' CPUs outnumber the
 * host's cores (then part of every interval is host steal, shown apart) and how far apart
 * the two clocks started.
 */
public final class AbPane extends BorderPane {
    /** Figures refresh period: a few times a second, never per event. */
    static final Duration STATS_PERIOD = Duration.millis(250);

    private final AbSession session = new AbSession();
    private final AbSide sideA = new AbSide("A", AbSession.QPW_A);
    private final AbSide sideB = new AbSide("B", AbSession.QPW_B);
    private final AbAxis axis = new AbAxis(sideA.view(), sideB.view());
    private final PlaybackBar playback = new PlaybackBar(sideA.view());
    private final Button run = new Button("▶ Run both");
    private final Button stop = new Button("■ Stop both");
    private final CheckBox timed = new CheckBox("timed triggers");
    private final Label triggerCpu = new Label();
    private final List<Button> triggers = new ArrayList<>();
    private final Label offset = new Label();
    private final Label host = new Label();
    private final Label message = new Label();
    private final Timeline poll;
    private final Scenario scenario;
    private boolean running;
    private boolean presentation;
    private long originOffsetNs;

    public AbPane(Scenario scenario) {
        this.scenario = scenario;
        getStyleClass().addAll("qpw-root", "ab-pane");
        run.setTooltip(new Tooltip("Boot the scenario twice, qpw=0 (A) and qpw=1 (B), and start both together"));
        stop.setTooltip(new Tooltip("Stop both machines; their lanes stay for review"));
        timed.setTooltip(new Tooltip("Also run the scenario's own timed triggers (off: only the buttons fire, one drain per press)"));
        run.setOnAction(e -> start());
        stop.setOnAction(e -> stop());
        timed.selectedProperty().addListener((o, a, on) -> {
            if (running) start();
        });
        HBox trig = new HBox(4, triggerCpu);
        trig.setAlignment(Pos.CENTER_LEFT);
        for (Trigger t : List.of(Trigger.FLUSHBUFS, Trigger.KMEM_CACHE_SHRINK, Trigger.LRU_DRAIN_ALL, Trigger.MLOCK,
                Trigger.MEMCG_DRAIN)) {
            Button b = new Button(t == Trigger.FLUSHBUFS ? "blockdev --flushbufs" : t.id);
            b.getStyleClass().add("trigger-button");
            b.setMnemonicParsing(false);
            b.setTooltip(new Tooltip("Both machines: " + t.command + "\n" + KernelText.chain(t)));
            b.setOnAction(e -> fire(t));
            b.setId("ab-" + ControlBar.triggerId(t));
            b.setMinWidth(Region.USE_PREF_SIZE);
            triggers.add(b);
            trig.getChildren().add(b);
        }
        triggerCpu.setMinWidth(Region.USE_PREF_SIZE);
        Label name = new Label("Live A/B");
        name.setMinWidth(Region.USE_PREF_SIZE);
        name.getStyleClass().add("ab-heading");
        HBox bar = new HBox(8, name, run, stop, trig, timed);
        bar.getStyleClass().add("control-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        for (var n : List.of(run, stop, timed)) n.setMinWidth(Region.USE_PREF_SIZE);
        playback.getChildren().removeIf(n -> n instanceof javafx.scene.control.ToggleButton
                || n instanceof Button btn && btn.getText().startsWith("PNG"));
        setTop(new VBox(bar, playback));
        VBox lanes = new VBox(4, sideA, sideB);
        VBox.setVgrow(sideA, Priority.ALWAYS);
        VBox.setVgrow(sideB, Priority.ALWAYS);
        setCenter(lanes);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        host.getStyleClass().add("status-host");
        // the offset and the host warning stay whole; the echo of the last action gives way first
        offset.setMinWidth(Region.USE_PREF_SIZE);
        host.setMinWidth(Region.USE_PREF_SIZE);
        message.setMinWidth(0);
        HBox status = new HBox(18, offset, host, grow, message);
        status.getStyleClass().add("status-bar");
        status.setAlignment(Pos.CENTER_LEFT);
        setBottom(status);
        setPalette(Palette.DARK);
        enable(false);
        poll = new Timeline(new KeyFrame(STATS_PERIOD, e -> refresh()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    /** Boots (or reboots) both machines on the scenario and shows them once both run. */
    public CompletableFuture<AbSession.Pair> start() {
        assertFx();
        enable(false);
        run.setDisable(true);
        message.setText("booting both machines…");
        return session.boot(scenario, timed.isSelected()).whenComplete((p, ex) -> Platform.runLater(() -> {
            run.setDisable(false);
            if (ex != null) {
                message.setText("Could not boot " + scenario.name() + ": " + root(ex).getMessage());
                return;
            }
            showPair(p, p.originOffsetNs());
            running = true;
            enable(true);
            int cpu = triggerCpu();
            triggerCpu.setText("both, on cpu" + cpu + ":");
            String note = HostCores.detect().oversubscription(p.cpus(), true);
            host.setText(note.isEmpty() ? "" : "⚠ A + B: " + note);
            message.setText("Running " + scenario.name() + " twice: A qpw=" + p.a().qpw() + ", B qpw=" + p.b().qpw());
        }));
    }

    /** Stops both machines; their lanes stay. */
    public CompletableFuture<AbSession.Pair> stop() {
        assertFx();
        enable(false);
        return session.stop().whenComplete((p, ex) -> Platform.runLater(() -> {
            running = false;
            message.setText("Stopped both");
            refresh();
        }));
    }

    /** Queues {@code t} into both machines at once (the trigger CPU of the scenario, else the first housekeeping CPU). */
    public boolean fire(Trigger t) {
        assertFx();
        int cpu = triggerCpu();
        boolean ok = session.trigger(t, cpu);
        message.setText(ok ? "both machines, cpu" + cpu + ": " + t.command : "not running: press Run both");
        return ok;
    }

    /** The CPU that runs the buttons' triggers: the scenario's first trigger CPU, else the first one not isolated. */
    int triggerCpu() {
        if (scenario.triggers() != null && !scenario.triggers().isEmpty()) return scenario.triggers().getFirst().cpu();
        AbSession.Pair p = session.pair();
        int n = scenario.machine().cpus();
        for (int c = 0; c < n; c++) if (p == null || !p.a().boot().isolated(c)) return c;
        return 0;
    }

    /**
     * Shows both machines' lanes on one clock, that of the machine that started first: the
     * other's records are shifted by how much later it started, so both rulers (and hover
     * cards, selections, the playback read-out) name the same instant at the same x.
     * @param originOffsetNs B's clock origin minus A's ({@link AbSession.Pair#originOffsetNs()})
     */
    void showPair(AbSession.Pair p, long originOffsetNs) {
        long[] shift = clockShifts(originOffsetNs);
        sideA.show(p.a(), shift[0]);
        sideB.show(p.b(), shift[1]);
        axis.realign();
        this.originOffsetNs = originOffsetNs;
        showOffset();
    }

    /** ns to add to A's and to B's timestamps to put both on the clock of the one that started first. */
    static long[] clockShifts(long originOffsetNs) {
        return originOffsetNs >= 0 ? new long[] {0, originOffsetNs} : new long[] {-originOffsetNs, 0};
    }

    /** B's clock origin minus A's, as the lanes show it. */
    public long originOffsetNs() { return originOffsetNs; }

    private void showOffset() {
        if (session.pair() == null) return;
        offset.setText(presentation ? shortOffsetText(originOffsetNs) : offsetText(originOffsetNs));
    }

    /** For a projector's width: "B started 1.2 ms after A · rulers: A's clock", or that they started together. */
    static String shortOffsetText(long ns) {
        if (Math.abs(ns) < 1_000) return "A and B started together";
        return "B started " + TimeFormat.duration(Math.abs(ns)) + (ns > 0 ? " after A · rulers: A's clock" : " before A · rulers: B's clock");
    }

    /**
     * "B's clock started 1.2 ms after A's: both rulers read A's clock (one x, one instant)", or
     * that they coincide. Both groups are drawn on the clock of the machine that started first.
     */
    static String offsetText(long ns) {
        if (Math.abs(ns) < 1_000) return "A and B started together (clocks within 1 µs): both rulers read one clock";
        return "B's clock started " + TimeFormat.duration(Math.abs(ns)) + (ns > 0 ? " after A's: both rulers read A's clock"
                : " before A's: both rulers read B's clock") + " (one x, one instant)";
    }

    private void refresh() {
        sideA.refresh();
        sideB.refresh();
        AbSession.Pair p = session.pair();
        if (p != null && running && !p.running()) {
            running = false;
            enable(false);
            message.setText("both machines stopped");
        }
    }

    private void enable(boolean on) {
        stop.setDisable(!on);
        triggers.forEach(b -> b.setDisable(!on));
    }

    /** Dark (the default) or light lanes. */
    public void setPalette(Palette p) {
        sideA.view().setPalette(p);
        sideB.view().setPalette(p);
    }

    /** Large fonts and lanes for a projector. */
    public void setPresentation(boolean on) {
        presentation = on;
        if (on) getStyleClass().add("presentation"); else getStyleClass().remove("presentation");
        showOffset();
        sideA.setPresentation(on);
        sideB.setPresentation(on);
        for (Button b : triggers) {
            boolean fold = on && !b.getId().equals("ab-" + ControlBar.triggerId(Trigger.FLUSHBUFS));
            b.setVisible(!fold);
            b.setManaged(!fold);
        }
    }

    public AbSide sideA() { return sideA; }

    public AbSide sideB() { return sideB; }

    public AbAxis axis() { return axis; }

    public AbSession session() { return session; }

    public String hostText() { return host.getText(); }

    /** The status line under the buttons (what the last press did). */
    public String messageText() { return message.getText(); }

    public String offsetText() { return offset.getText(); }

    /** Stops the figures' refresh and both machines (bounded: each engine stops within 10 s). */
    public void dispose() {
        poll.stop();
        session.close();
    }

    private static Throwable root(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t;
    }

    private static void assertFx() {
        assert Platform.isFxApplicationThread() : "A/B commands run on the FX thread";
    }
}
