package io.qpwscope.ui.ab;

import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioException;
import io.qpwscope.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The GUI for {@code qpwscope --ab [SCENARIO]}: the live A/B window alone. The launcher loads
 * (and so validates) the scenario before the toolkit starts and hands it over through
 * {@link #launch(Scenario)}.
 */
public final class AbApp extends Application {
    /**
     * The scenario {@code --ab} runs without an argument: the seed's reproducer whose isolated
     * loop writes every 250 ms, so every press of {@code blockdev --flushbufs} finds CPU 3's
     * batch filled again and interrupts lane 3 in A.
     */
    public static final String DEFAULT_SCENARIO = "isolated-rt-periodic-write.json";

    private static volatile Scenario pending;
    private AbWindow window;

    /** Loads {@code file}, or the bundled {@link #DEFAULT_SCENARIO} when null. */
    public static Scenario load(Path file) throws IOException, ScenarioException {
        ScenarioLoader loader = new ScenarioLoader();
        return file == null ? loader.loadBundled(DEFAULT_SCENARIO) : loader.load(file);
    }

    /**
     * {@code qpwscope --ab [SCENARIO]}: loads the file (or the default), then opens the window.
     * @return 2 with one line on stderr for a bad or unreadable file, else 0 when the window closes
     */
    public static int run(Path file) {
        Scenario s;
        try {
            s = load(file);
        } catch (ScenarioException e) {
            System.err.println("qpwscope --ab: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("qpwscope --ab: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        return launch(s);
    }

    /** Starts the toolkit on {@code scenario}; returns when the window closes. */
    public static int launch(Scenario scenario) {
        pending = scenario;
        Application.launch(AbApp.class);
        return 0;
    }

    @Override
    public void start(Stage stage) {
        window = new AbWindow(stage, pending);
        window.show();
    }

    @Override
    public void stop() {
        if (window != null) window.pane().dispose();
    }
}
