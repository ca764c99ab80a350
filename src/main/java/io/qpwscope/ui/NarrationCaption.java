package io.qpwscope.ui;

import io.qpwscope.scenario.Scenario;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/**
 * The scenario's narration steps as a caption under the timeline (never over a lane). The step
 * shown is the last one whose time has been reached by the view's cursor, so captions follow
 * slow motion and replays, not just the wall clock.
 */
public final class NarrationCaption extends StackPane {
    private final Label text = new Label();
    private List<Scenario.NarrationStep> steps = List.of();
    private int shown = -2;

    public NarrationCaption() {
        getStyleClass().add("narration");
        text.getStyleClass().add("narration-text");
        text.setWrapText(true);
        getChildren().add(text);
        setAlignment(Pos.CENTER);
        setMouseTransparent(true);
        setMaxHeight(USE_PREF_SIZE);
        setVisible(false);
    }

    public void setSteps(List<Scenario.NarrationStep> s) {
        steps = s == null ? List.of() : s;
        shown = -2;
        setVisible(false);
    }

    /** @param cursorNs the view's time (ns since the run's origin) */
    public void showAt(double cursorNs, boolean enabled) {
        int idx = -1;
        for (int i = 0; i < steps.size(); i++) if (steps.get(i).atMs() * 1e6 <= cursorNs) idx = i;
        boolean on = enabled && idx >= 0;
        if (idx != shown) {
            shown = idx;
            if (idx >= 0) text.setText((idx + 1) + "/" + steps.size() + "  " + steps.get(idx).text());
        }
        if (isVisible() != on) setVisible(on);
    }

    public String text() {
        return isVisible() ? text.getText() : "";
    }
}
