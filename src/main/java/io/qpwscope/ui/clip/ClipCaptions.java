package io.qpwscope.ui.clip;

import io.qpwscope.recording.Annotation;
import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioLoader;
import io.qpwscope.trace.RecordingMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The captions of a clip: the scenario's narration steps (read from the scenario JSON the
 * recording carries) and the recording's bookmarks, in time order. The caption shown at a
 * time is the last one reached, as in the lab's caption bar.
 */
public final class ClipCaptions {
    /** One caption from {@code atNs} on. */
    public record Caption(long atNs, String text) {}

    private final List<Caption> captions;

    public ClipCaptions(List<Caption> captions) {
        this.captions = captions.stream().sorted(Comparator.comparingLong(Caption::atNs)).toList();
    }

    public static ClipCaptions of(RecordingMeta meta, List<Annotation> annotations) {
        List<Caption> list = new ArrayList<>();
        List<Scenario.NarrationStep> steps = narration(meta.scenarioJson());
        for (int i = 0; i < steps.size(); i++) {
            list.add(new Caption(steps.get(i).atMs() * 1_000_000, (i + 1) + "/" + steps.size() + "  " + steps.get(i).text()));
        }
        for (Annotation a : annotations) {
            list.add(new Caption(a.ts(), (a.cpu() == Annotation.ALL_CPUS ? "" : "cpu" + a.cpu() + ": ") + a.text()));
        }
        return new ClipCaptions(list);
    }

    /** @return the caption reached at {@code tNs}, or "" */
    public String at(double tNs) {
        String text = "";
        for (Caption c : captions) {
            if (c.atNs() <= tNs) text = c.text();
            else break;
        }
        return text;
    }

    public List<Caption> all() { return captions; }

    private static List<Scenario.NarrationStep> narration(String json) {
        if (json == null || json.isBlank()) return List.of();
        try {
            return new ScenarioLoader().parse(json, "recording").narration();
        } catch (Exception e) {
            return List.of();
        }
    }
}
