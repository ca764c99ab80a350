package io.qpwscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.engine.Engine;
import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioLoader;
import io.qpwscope.ui.lab.LabModel;
import io.qpwscope.ui.lab.ScenarioEdits;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lab's scenario picker names the scenario running, whichever way it got there: a file of
 * ./scenarios by its name, a reboot with edits (the config sheet, a sweep's "open in lab") by
 * the scenario's name marked "(edited)", the bundled default by its name marked "(built-in)".
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScenarioPickerTest {
    private static final Path SEED = ControlBar.SCENARIO_DIR.resolve(ScenarioLoader.DEFAULT_SCENARIO);
    private static FxSupport.Lab lab;
    private static LabModel model;

    @BeforeAll
    static void startLab() throws Exception {
        lab = FxSupport.startLab(1280, 800);
        model = lab.app().model();
    }

    @AfterAll
    static void stopLab() throws Exception {
        if (lab != null) lab.close();
    }

    @Test
    void shouldAlwaysNameTheScenarioRunningMarkingOneNoFileHolds() throws Exception {
        assertEquals("isolated-rt-flushbufs", shown(), "the app opens on the seed's file");
        assertEquals(SEED, FxSupport.onFx(() -> picker().getValue()));
        Scenario seed = FxSupport.onFx(model::scenario);
        Scenario.Kernel k = seed.kernel();

        rebootTo(ScenarioEdits.with(seed, new Scenario.Kernel(false, false, k.CONFIG_PREEMPT_RT(), k.boot())));
        assertEquals("isolated-rt-flushbufs (edited)", shown(), "an edit of the kernel config: no file holds it");
        assertNull(FxSupport.onFx(() -> picker().getValue()), "no file of ./scenarios is selected");
        assertNull(FxSupport.onFx(() -> model.scenarioFileProperty().get()));

        Scenario periodic = new ScenarioLoader().loadBundled("isolated-rt-periodic-write.json");
        rebootTo(periodic);
        assertEquals("isolated-rt-periodic-write (edited)", shown(), "another scenario handed over (open in lab, A/B) by its own name");

        rebootTo(seed);
        assertEquals("isolated-rt-flushbufs", shown(), "back to exactly the file's scenario: the file again");
        assertEquals(SEED, FxSupport.onFx(() -> picker().getValue()));
        assertFalse(FxSupport.onFx(() -> model.editedProperty().get()));

        rebootTo(ScenarioEdits.with(seed, new Scenario.Kernel(false, false, k.CONFIG_PREEMPT_RT(), k.boot())));
        Engine edited = FxSupport.onFx(model::engine);
        FxSupport.onFx(() -> picker().getSelectionModel().select(SEED));
        FxSupport.await("the picked file runs again", () -> model.engine() != edited && model.runningProperty().get()
                && SEED.equals(model.scenarioFileProperty().get()), 60);
        assertEquals("isolated-rt-flushbufs", shown(), "picking the file after an edit reloads it");

        FxSupport.onFx(model::openDefault);
        assertEquals("isolated-rt-flushbufs (built-in)", shown(), "the bundled default, read from no file");
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<Path> picker() {
        return (ComboBox<Path>) lab.stage().getScene().lookup("#scenario-picker");
    }

    /** The text the picker's button shows, after a layout pass. */
    private static String shown() throws Exception {
        return FxSupport.onFx(() -> {
            ComboBox<Path> c = picker();
            c.applyCss();
            c.layout();
            return ((ListCell<Path>) c.getButtonCell()).getText();
        });
    }

    private static void rebootTo(Scenario s) throws Exception {
        Engine before = FxSupport.onFx(model::engine);
        assertTrue(FxSupport.onFx(() -> model.reboot(s)), "reboots on " + s.name());
        FxSupport.await("rebooted on " + s.name(), () -> model.engine() != before && model.runningProperty().get(), 60);
    }
}
