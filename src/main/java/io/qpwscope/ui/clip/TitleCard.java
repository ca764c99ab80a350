package io.qpwscope.ui.clip;

import io.qpwscope.trace.RecordingMeta;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The lines of a clip's title card: what was recorded, in which mode, on what, and which part the clip shows. */
public final class TitleCard {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TitleCard() {}

    /** @return title, mode, why that mode (may be empty), kernel config, provenance and clip range, one entry a line */
    public static List<String> lines(RecordingMeta m, ClipPlan plan) {
        String title = m.scenarioName() == null || m.scenarioName().isBlank() ? "recording" : m.scenarioName();
        String config = "CONFIG_QPW=" + yn(m.configQpw()) + "  CONFIG_QPW_DEFAULT=" + yn(m.configQpwDefault())
                + "  CONFIG_PREEMPT_RT=" + yn(m.preemptRt()) + "   boot: " + (m.bootLine().isBlank() ? "(empty)" : m.bootLine());
        String when = m.originEpochNanos() > 0 ? "recorded on " + DATE.format(Instant.ofEpochSecond(0, m.originEpochNanos())) : "recorded";
        String what = m.scenarioJson() == null
                ? "an imported kernel trace"
                : m.cpus() + " emulated CPUs on " + m.physicalCores() + " host cores (QPW Scope's model of the kernel)";
        String clip = String.format(Locale.ROOT, "clip: %s to %s (%s) at %s speed", ClipFrames.timeLabel(plan.fromNs(), plan),
                ClipFrames.timeLabel(plan.toNs(), plan), plan.rangeSource(), ClipSettings.speedLabel(plan.speed()));
        String reason = m.effectiveReason() == null || m.effectiveReason().isBlank() ? "" : m.effectiveReason();
        return List.of(title, mode(m), reason, config, when + " · " + what, clip);
    }

    /** "qpw=1: per-CPU spinlocks, drained remotely" or "qpw=0: work queued to each CPU's kworker". */
    static String mode(RecordingMeta m) {
        return "qpw=" + m.effectiveQpw() + ": "
                + (m.effectiveQpw() == 1 ? "per-CPU spinlocks, drained remotely" : "work queued to each CPU's kworker");
    }

    private static String yn(boolean b) {
        return b ? "y" : "n";
    }
}
