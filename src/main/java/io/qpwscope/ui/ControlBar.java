package io.qpwscope.ui;

import io.qpwscope.trace.Trigger;
import io.qpwscope.ui.lab.LabModel;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.controlsfx.control.ToggleSwitch;

/**
 * The lab's main controls: scenario picker and Open…, Run / Stop, the live qpw switch,
 * the trigger buttons, theme and presentation mode.
 */
public final class ControlBar extends FlowPane {
    public static final Path SCENARIO_DIR = Path.of("scenarios");

    private final LabModel model;
    private final ComboBox<Path> scenarios = new ComboBox<>();
    private final Button open = new Button("Open…");
    private final Button run = new Button("▶ Run");
    private final Button stop = new Button("■ Stop");
    private final ToggleSwitch qpwSwitch = new ToggleSwitch(QpwModeText.of(-1));
    private final List<Button> triggers = new ArrayList<>();
    private final Label triggerCpu = new Label();
    private final ToggleButton dark = new ToggleButton("Dark");
    private final ToggleButton present = new ToggleButton("Present (F5)");
    private boolean syncing;
    /** Set while the picker is made to show the running scenario (not the user's pick). */
    private boolean showing;

    public ControlBar(LabModel model) {
        this.model = model;
        getStyleClass().add("control-bar");
        setHgap(8);
        setVgap(6);
        setAlignment(Pos.CENTER_LEFT);
        scenarios.setPromptText("scenario");
        scenarios.setId("scenario-picker");
        scenarios.setCellFactory(l -> new NameCell(() -> null));
        scenarios.setButtonCell(new NameCell(scenarios::getPromptText));
        scenarios.getItems().setAll(listScenarios());
        scenarios.setTooltip(new Tooltip("Scenarios in ./scenarios — picking one starts it"));
        model.scenarioProperty().addListener((o, a, s) -> showRunning());
        model.scenarioFileProperty().addListener((o, a, f) -> showRunning());
        model.editedProperty().addListener((o, a, e) -> showRunning());
        open.setTooltip(new Tooltip("Open a scenario JSON file (Ctrl+O)"));
        run.setTooltip(new Tooltip("Boot the scenario and run it"));
        stop.setTooltip(new Tooltip("Stop the engine; the recording stays for review"));
        qpwSwitch.getStyleClass().add("qpw-switch");
        qpwSwitch.setId("qpw-switch");
        qpwSwitch.setTooltip(new Tooltip("Flip QPW live: the engine quiesces all CPUs (stop_machine style) and switches the static key.\n"
                + "This product's extension: the kernel (v3/v4) decides qpw= / pwlocks= at boot and never switches at run time."));
        qpwSwitch.selectedProperty().addListener((o, was, on) -> {
            if (!syncing) model.requestQpw(on ? 1 : 0);
        });
        model.qpwProperty().addListener((o, a, q) -> sync(q.intValue()));
        qpwSwitch.selectedProperty().addListener((o, was, on) -> showMode());
        model.bootProperty().addListener((o, a, b) -> showMode());
        model.busyProperty().addListener((o, a, b) -> qpwSwitch.setDisable(b || !model.runningProperty().get()));
        model.runningProperty().addListener((o, a, r) -> {
            qpwSwitch.setDisable(!r || model.busyProperty().get());
            triggers.forEach(t -> t.setDisable(!r));
            stop.setDisable(!r);
        });
        run.setOnAction(e -> model.run());
        stop.setOnAction(e -> model.stop());
        stop.setDisable(true);
        qpwSwitch.setDisable(true);
        HBox trig = new HBox(4);
        trig.setAlignment(Pos.CENTER_LEFT);
        trig.getChildren().add(triggerCpu);
        for (Trigger t : List.of(Trigger.FLUSHBUFS, Trigger.KMEM_CACHE_SHRINK, Trigger.LRU_DRAIN_ALL, Trigger.MLOCK,
                Trigger.MEMCG_DRAIN)) {
            Button b = new Button(t == Trigger.FLUSHBUFS ? "blockdev --flushbufs" : t.id);
            b.getStyleClass().add("trigger-button");
            b.setMnemonicParsing(false);
            b.setTooltip(new Tooltip(t.command + "\n" + io.qpwscope.ui.timeline.render.KernelText.chain(t)));
            b.setOnAction(e -> model.fire(t));
            b.setDisable(true);
            b.setUserData(t);
            b.setId(triggerId(t));
            triggers.add(b);
            trig.getChildren().add(b);
        }
        model.bootProperty().addListener((o, a, b) -> triggerCpu.setText("on cpu" + model.triggerCpu() + ":"));
        dark.setSelected(true);
        dark.setTooltip(new Tooltip("Dark or light theme"));
        present.setTooltip(new Tooltip("Presentation mode: large fonts, the lanes most of the screen, controls in one row, side pane hidden (F5)"));
        HBox file = new HBox(6, scenarios, open, run, stop);
        file.setAlignment(Pos.CENTER_LEFT);
        HBox view = new HBox(6, dark, present);
        view.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(file, qpwSwitch, trig, view);
        for (javafx.scene.Node n : List.of(open, run, stop, dark, present, qpwSwitch)) ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        for (Button b : triggers) b.setMinWidth(Region.USE_PREF_SIZE);
        triggerCpu.setMinWidth(Region.USE_PREF_SIZE);
    }

    /** Dark theme on (the default) or off. */
    public BooleanProperty darkProperty() { return dark.selectedProperty(); }

    /** Presentation mode on or off (F5 flips it too). */
    public BooleanProperty presentationProperty() { return present.selectedProperty(); }

    /** Adds a control at the end of the bar (the window's recording menu). */
    public void addItem(javafx.scene.Node item) {
        getChildren().add(item);
    }

    /** Runs {@code action} when the user asks to open a scenario file. */
    public void setOnOpen(Runnable action) {
        open.setOnAction(e -> action.run());
    }

    /** Tells {@code action} which scenario the user picked from ./scenarios. */
    public void setOnScenarioPicked(Consumer<Path> action) {
        scenarios.setOnAction(e -> {
            Path p = scenarios.getValue();
            if (p == null || showing) return;
            action.accept(p);
            showRunning(); // a file that did not load leaves the scenario running as it was
        });
    }

    /**
     * Names the scenario running in the picker: its file when it is one of ./scenarios, else
     * its name marked as held by no file there ({@link #pickerText}).
     */
    private void showRunning() {
        Path file = model.scenarioFileProperty().get();
        boolean listed = file != null && scenarios.getItems().contains(file);
        showing = true;
        try {
            // with no value the combo box shows its prompt text
            scenarios.setPromptText(listed ? "scenario" : pickerText(model.scenario(), file, model.editedProperty().get()));
            scenarios.setValue(listed ? file : null);
        } finally {
            showing = false;
        }
    }

    /**
     * What the picker says for {@code s}: its file's name, else its name marked "(edited)" (a
     * reboot with changes: no file holds it) or "(built-in)" (the bundled default).
     */
    static String pickerText(io.qpwscope.scenario.Scenario s, Path file, boolean edited) {
        if (s == null) return "scenario";
        if (file != null && !edited) return fileName(file);
        return s.name() + (edited ? " (edited)" : " (built-in)");
    }

    private static String fileName(Path p) {
        return p.getFileName().toString().replaceFirst("\\.json$", "");
    }

    /**
     * One row for a projector: the scenario picker, Run / Stop, the qpw switch, the scenario's
     * own trigger (flushbufs if it has none) and Present stay; Open…, the other triggers, the
     * theme and the menus added with {@link #addItem} fold away until compact mode ends.
     */
    public void setCompact(boolean on) {
        Trigger main = mainTrigger();
        List<javafx.scene.Node> fold = new ArrayList<>(List.of(open, dark));
        for (Button b : triggers) if (b.getUserData() != main) fold.add(b);
        fold.addAll(getChildren().subList(4, getChildren().size()));
        for (javafx.scene.Node n : fold) {
            n.setVisible(!on);
            n.setManaged(!on);
        }
    }

    /** The trigger a presenter presses: the scenario's first timed one, else blockdev --flushbufs. */
    private Trigger mainTrigger() {
        var s = model.scenario();
        if (s != null && s.triggers() != null && !s.triggers().isEmpty()) {
            Trigger t = Trigger.ofId(s.triggers().getFirst().action());
            if (t != null) return t;
        }
        return Trigger.FLUSHBUFS;
    }

    /** The node id of the trigger button for {@code t} (lookups in tests and tours). */
    public static String triggerId(Trigger t) {
        return "trigger-" + t.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The switch's label: the mode in force now, as the switch shows it. */
    public String modeText() {
        return qpwSwitch.getText();
    }

    /** Names the current mode beside the switch (the switch's position, once a machine has booted). */
    private void showMode() {
        var b = model.bootProperty().get();
        qpwSwitch.setText(b == null ? QpwModeText.of(-1) : QpwModeText.switchLabel(qpwSwitch.isSelected() ? 1 : 0, b.configQpw()));
    }

    private void sync(int q) {
        if (q < 0) return;
        syncing = true;
        qpwSwitch.setSelected(q == 1);
        syncing = false;
    }

    /** Scenario files in ./scenarios (the schema excluded), sorted. */
    static List<Path> listScenarios() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(SCENARIO_DIR)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(SCENARIO_DIR, "*.json")) {
            for (Path p : ds) if (!p.getFileName().toString().endsWith(".schema.json")) out.add(p);
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /** A file by its name; with none, {@code none}'s text (the button: the running scenario's name). */
    private static final class NameCell extends ListCell<Path> {
        private final java.util.function.Supplier<String> none;

        NameCell(java.util.function.Supplier<String> none) {
            this.none = none;
        }

        @Override
        protected void updateItem(Path p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? none.get() : fileName(p));
        }
    }
}
