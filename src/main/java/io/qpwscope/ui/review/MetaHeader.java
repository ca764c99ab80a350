package io.qpwscope.ui.review;

import io.qpwscope.recording.LoadNotice;
import io.qpwscope.recording.LoadedRecording;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.ui.timeline.render.TimeFormat;
import java.nio.file.Path;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * What a reviewer needs to know before reading a timeline: scenario and file, kernel config
 * and boot line, the effective qpw mode and why, the recording machine (physical cores,
 * pinning, JDK, app version), events and overruns; then any load notices (a truncated or
 * damaged file) in the warning colour.
 */
public final class MetaHeader extends VBox {
    private final Label title = new Label();
    private final FlowPane facts = new FlowPane(18, 2);
    private final VBox notices = new VBox(2);

    public MetaHeader() {
        super(3);
        getStyleClass().add("review-header");
        setPadding(new Insets(6, 10, 6, 10));
        title.getStyleClass().add("review-title");
        title.setStyle("-fx-font-size: 1.35em; -fx-font-weight: bold;");
        getChildren().addAll(title, facts, notices);
    }

    public void show(Path file, LoadedRecording r) {
        RecordingMeta m = r.recording().meta();
        title.setText(m.scenarioName() + "  —  " + (file == null ? "unsaved" : file.getFileName()));
        facts.getChildren().setAll(
                fact("mode", mode(m)),
                fact("config", "CONFIG_QPW=" + yn(m.configQpw()) + " CONFIG_QPW_DEFAULT=" + yn(m.configQpwDefault())
                        + " CONFIG_PREEMPT_RT=" + yn(m.preemptRt())),
                fact("boot", m.bootLine().isBlank() ? "(empty)" : m.bootLine()),
                fact("machine", m.cpus() + " emulated CPUs on " + m.physicalCores() + " physical cores"
                        + (m.pinned() ? ", pinned" : ", not pinned")),
                fact("recorded", "JDK " + m.jdk() + ", QPW Scope " + m.appVersion()),
                fact("events", TimeFormat.count(r.events()) + " over " + TimeFormat.duration(r.recording().endTs())),
                fact("overruns", String.format(Locale.ROOT, "%,d", r.recording().overruns())
                        + (r.recording().overruns() > 0 ? " (records dropped by full rings)" : "")));
        notices.getChildren().clear();
        for (LoadNotice n : r.notices()) {
            Label l = new Label("⚠ " + n.message());
            l.getStyleClass().add("load-notice");
            l.setStyle("-fx-text-fill: #E69F00; -fx-font-weight: bold;");
            l.setWrapText(true);
            notices.getChildren().add(l);
        }
    }

    public VBox notices() { return notices; }

    public Label title() { return title; }

    /** "qpw=1: auto-enabled by nohz_full" (the reason names the mode already), else "qpw=N (reason)". */
    static String mode(RecordingMeta m) {
        String r = m.effectiveReason() == null ? "" : m.effectiveReason();
        return r.startsWith("qpw=") ? r : "qpw=" + m.effectiveQpw() + (r.isBlank() ? "" : " (" + r + ")");
    }

    private static Label fact(String key, String value) {
        Label l = new Label(key + ": " + value);
        l.getStyleClass().add("review-fact");
        return l;
    }

    private static String yn(boolean b) {
        return b ? "y" : "n";
    }
}
