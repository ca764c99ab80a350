package io.qpwscope.ui.ab;

import io.qpwscope.scenario.Scenario;
import java.util.function.Supplier;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;

/**
 * The lab window's way into live A/B: a menu with "Live A/B (qpw=0 vs qpw=1)", which opens
 * an {@link AbWindow} on the lab's current scenario.
 */
public final class AbMenuButton extends MenuButton {
    public static final String ITEM_TEXT = "Live A/B (qpw=0 vs qpw=1)";

    private final MenuItem item = new MenuItem(ITEM_TEXT);

    /**
     * @param scenario   the lab's current scenario (the bundled A/B one if null)
     * @param beforeOpen runs first: the lab stops its own run, leaving the host's cores to the pair
     */
    public AbMenuButton(Supplier<Scenario> scenario, Runnable beforeOpen) {
        super("A/B");
        setId("ab-menu");
        setTooltip(new Tooltip("Run the scenario twice at once, qpw=0 above and qpw=1 below, one trigger for both"));
        item.setId("ab-menu-live");
        item.setOnAction(e -> {
            beforeOpen.run();
            Scenario s = scenario.get();
            try {
                AbWindow.open(s != null ? s : AbApp.load(null));
            } catch (Exception ex) {
                throw new IllegalStateException("the bundled A/B scenario could not be loaded", ex);
            }
        });
        getItems().add(item);
    }

    public MenuItem item() { return item; }
}
