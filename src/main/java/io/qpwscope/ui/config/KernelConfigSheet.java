package io.qpwscope.ui.config;

import io.qpwscope.engine.kernel.BootResult;
import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.Scenario.Costs;
import io.qpwscope.scenario.Scenario.Kernel;
import io.qpwscope.scenario.Scenario.Machine;
import io.qpwscope.scenario.Scenario.Sched;
import io.qpwscope.scenario.Scenario.TraceOptions;
import io.qpwscope.scenario.Scenario.TriggerSpec;
import io.qpwscope.scenario.Scenario.Workload;
import io.qpwscope.ui.lab.LabModel;
import io.qpwscope.ui.lab.RunStatus;
import io.qpwscope.ui.lab.ScenarioEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * Kernel config, boot line, machine, scheduler, workloads and modelled costs as a ControlsFX
 * PropertySheet. Any change "reboots": the edited scenario is validated like a file and a
 * new engine starts from it (the qpw switch in the toolbar flips live instead). Above the
 * sheet: the qpw mode the boot resolved to, why, and the kernel's warnings.
 */
public final class KernelConfigSheet extends VBox {
    private final LabModel model;
    private final PropertySheet sheet = new PropertySheet();
    private final Label effective = new Label();
    private final Label reason = new Label();
    private final Label warnings = new Label();
    private final Label machine = new Label();
    private final Label error = new Label();

    public KernelConfigSheet(LabModel model) {
        this.model = model;
        getStyleClass().add("config-pane");
        effective.getStyleClass().add("effective-mode");
        reason.getStyleClass().add("effective-reason");
        warnings.getStyleClass().add("kernel-warning");
        machine.getStyleClass().add("machine-note");
        error.getStyleClass().add("error-text");
        for (Label l : List.of(effective, reason, warnings, machine, error)) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setPropertyEditorFactory(this::editor);
        VBox.setVgrow(sheet, Priority.ALWAYS);
        Label title = new Label("Kernel & machine (changes reboot)");
        title.getStyleClass().add("pane-title");
        getChildren().addAll(title, effective, reason, warnings, machine, error, sheet);
        model.scenarioProperty().addListener((o, a, s) -> rebuild());
        model.bootProperty().addListener((o, a, b) -> showBoot());
        model.qpwProperty().addListener((o, a, b) -> showBoot());
        model.errorProperty().addListener((o, a, e) -> {
            error.setText(e);
            error.setVisible(!e.isEmpty());
            error.setManaged(!e.isEmpty());
        });
        error.setVisible(false);
        error.setManaged(false);
        rebuild();
        showBoot();
    }

    public PropertySheet sheet() {
        return sheet;
    }

    /** The label that states the resolved mode (for tests and the dashboard). */
    public Label effectiveLabel() {
        return effective;
    }

    private void showBoot() {
        BootResult b = model.bootProperty().get();
        RunStatus run = model.runStatusProperty().get();
        if (b == null || run == null) {
            effective.setText("Not booted");
            reason.setText("");
            warnings.setText("");
            machine.setText("");
            return;
        }
        int live = model.qpwProperty().get();
        String mode = live == 1 ? "qpw=1 · per-CPU spinlocks" : "qpw=0 · local_lock + queue_work_on";
        effective.setText("Effective: " + mode);
        String r = "Boot: " + b.reason();
        if (live >= 0 && live != b.effectiveQpw()) r += "\nSwitched live to qpw=" + live + " (boot said qpw=" + b.effectiveQpw() + ")";
        if (!b.configQpw()) r += "\nCONFIG_QPW=n: the switch is locked to qpw=0";
        if (b.preemptRt()) r += "\nPREEMPT_RT: local_lock is a per-CPU spinlock already";
        reason.setText(r);
        warnings.setText(b.warnings().isEmpty() ? "" : String.join("\n", b.warnings().stream().map(w -> "⚠ " + w).toList()));
        warnings.setVisible(!b.warnings().isEmpty());
        warnings.setManaged(!b.warnings().isEmpty());
        int cpus = run.cpus();
        machine.setText(cpus + " emulated CPUs on " + run.physicalCores() + " physical cores, threads "
                + (run.pinned() ? "pinned" : "not pinned")
                + (cpus > run.physicalCores() ? " — CPUs share cores, so some noise is the host's" : ""));
    }

    private void rebuild() {
        Scenario s = model.scenario();
        List<PropertySheet.Item> items = new ArrayList<>();
        if (s != null) {
            kernel(items);
            items.add(item("Machine", "CPUs", "emulated CPUs (1–64), one platform thread each", Integer.class,
                    x -> x.machine().cpus(), (x, v) -> ScenarioEdits.with(x, new Machine((Integer) v, x.machine().pin()))));
            items.add(item("Machine", "Pin threads", "pin CPU threads to physical cores when there are enough", Boolean.class,
                    x -> x.machine().pin(), (x, v) -> ScenarioEdits.with(x, new Machine(x.machine().cpus(), (Boolean) v))));
            sched(items);
            workloads(items, s);
            triggers(items, s);
            costs(items);
        }
        sheet.getItems().setAll(items);
    }

    private void kernel(List<PropertySheet.Item> items) {
        items.add(item("Kernel config", "CONFIG_QPW", "build QPW in; n = always local_lock + queue_work_on", Boolean.class,
                x -> x.kernel().CONFIG_QPW(), (x, v) -> ScenarioEdits.with(x, kernel(x, (Boolean) v, null, null, null))));
        items.add(item("Kernel config", "CONFIG_QPW_DEFAULT", "qpw=1 unless the boot line says otherwise", Boolean.class,
                x -> x.kernel().CONFIG_QPW_DEFAULT(), (x, v) -> ScenarioEdits.with(x, kernel(x, null, (Boolean) v, null, null))));
        items.add(item("Kernel config", "CONFIG_PREEMPT_RT", "local_lock becomes a per-CPU spinlock", Boolean.class,
                x -> x.kernel().CONFIG_PREEMPT_RT(), (x, v) -> ScenarioEdits.with(x, kernel(x, null, null, (Boolean) v, null))));
        items.add(item("Kernel config", "Boot line", "qpw= (v4: pwlocks=), nohz_full=, isolcpus= — Enter to reboot", String.class,
                x -> x.kernel().boot(), (x, v) -> ScenarioEdits.with(x, kernel(x, null, null, null, (String) v))));
        items.add(item("Tracing", "Trace lock ops", "record every lock/unlock (the fast paths); off = lighter recording",
                Boolean.class, x -> x.trace().lockEvents(),
                (x, v) -> ScenarioEdits.with(x, new TraceOptions(x.trace().ringRecords(), (Boolean) v))));
    }

    private static Kernel kernel(Scenario x, Boolean qpw, Boolean def, Boolean rt, String boot) {
        Kernel k = x.kernel();
        return new Kernel(qpw != null ? qpw : k.CONFIG_QPW(), def != null ? def : k.CONFIG_QPW_DEFAULT(),
                rt != null ? rt : k.CONFIG_PREEMPT_RT(), boot != null ? boot : k.boot());
    }

    private void sched(List<PropertySheet.Item> items) {
        items.add(item("Scheduler", "RT throttling", "Kernels before 6.12: sched_rt_runtime_us != -1 throttles SCHED_FIFO"
                        + " tasks for the rest of each sched_rt_period_us; kworkers get the CPU in that window",
                Boolean.class, x -> x.sched().rtThrottling(), (x, v) -> ScenarioEdits.with(x, new Sched((Boolean) v,
                        x.sched().rtPeriodMs(), x.sched().rtRuntimeMs(), x.sched().stalldThresholdMs(), x.sched().fairServer()))));
        items.add(item("Scheduler", "fair deadline server (6.12+)", "6.12+: the fair server runs a starved kworker for up to"
                        + " 50 ms per 1000 ms, 950 ms after it starved; replaces RT throttling in the model",
                Boolean.class, x -> x.sched().fairServer(), (x, v) -> ScenarioEdits.with(x, new Sched(x.sched().rtThrottling(),
                        x.sched().rtPeriodMs(), x.sched().rtRuntimeMs(), x.sched().stalldThresholdMs(), (Boolean) v))));
        items.add(item("Scheduler", "RT runtime (ms)", "sched_rt_runtime_us / 1000 per period", Long.class,
                x -> x.sched().rtRuntimeMs(), (x, v) -> ScenarioEdits.with(x, new Sched(x.sched().rtThrottling(),
                        x.sched().rtPeriodMs(), (Long) v, x.sched().stalldThresholdMs(), x.sched().fairServer()))));
        items.add(item("Scheduler", "stalld threshold (ms)", "0 = no stalld; else starved kworkers are boosted after this",
                Long.class, x -> x.sched().stalldThresholdMs(), (x, v) -> ScenarioEdits.with(x, new Sched(
                        x.sched().rtThrottling(), x.sched().rtPeriodMs(), x.sched().rtRuntimeMs(), (Long) v,
                        x.sched().fairServer()))));
    }

    private void workloads(List<PropertySheet.Item> items, Scenario s) {
        for (int i = 0; i < s.workloads().size(); i++) {
            final int k = i;
            Workload w = s.workloads().get(i);
            String who = "cpu " + w.cpus() + " " + w.task();
            if (!"rt-loop".equals(w.task()) && !"idle".equals(w.task())) {
                items.add(item("Workloads", who + ": ops/loop", "allocations or folios per loop iteration", Integer.class,
                        x -> x.workloads().get(k).opsPerLoop(), (x, v) -> ScenarioEdits.withWorkload(x, k, workload(x.workloads().get(k), (Integer) v, null, null))));
            }
            if (!"idle".equals(w.task())) {
                items.add(item("Workloads", who + ": loops/s", "the task blocks between loops to run at most this many a second (0 = flat out)",
                        Long.class, x -> x.workloads().get(k).loopsPerSec(),
                        (x, v) -> ScenarioEdits.withWorkload(x, k, workload(x.workloads().get(k), null, null, (Long) v))));
            }
            items.add(item("Workloads", who + ": write every (ms)", "the task write()s this often, refilling its LRU batch (0 = never)",
                    Long.class, x -> x.workloads().get(k).writeEveryMs(),
                    (x, v) -> ScenarioEdits.withWorkload(x, k, workload(x.workloads().get(k), null, (Long) v, null))));
        }
    }

    private static Workload workload(Workload w, Integer ops, Long every, Long rate) {
        return new Workload(w.cpus(), w.task(), w.policy(), w.priority(), w.objectSize(),
                ops != null ? ops : w.opsPerLoop(), w.writeBeforeLoop(), every != null ? every : w.writeEveryMs(),
                rate != null ? rate : w.loopsPerSec());
    }

    private void triggers(List<PropertySheet.Item> items, Scenario s) {
        for (int i = 0; i < s.triggers().size(); i++) {
            final int k = i;
            TriggerSpec t = s.triggers().get(i);
            items.add(item("Triggers", t.action() + " on cpu" + t.cpu() + ": every (ms)", "0 = only at the listed times",
                    Long.class, x -> x.triggers().get(k).everyMs(), (x, v) -> {
                        TriggerSpec o = x.triggers().get(k);
                        return ScenarioEdits.withTrigger(x, k, new TriggerSpec(o.action(), o.cpu(), o.atMs(), (Long) v, o.startMs()));
                    }));
        }
    }

    private void costs(List<PropertySheet.Item> items) {
        items.add(item("Modelled costs", "context switch (ns)", "charged per switch task ⇄ kworker (DOMAIN.md: 1–3 µs); everything else is measured",
                Long.class, x -> x.costs().contextSwitchNs(),
                (x, v) -> ScenarioEdits.with(x, new Costs((Long) v, x.costs().workqueueWakeupNs()))));
        items.add(item("Modelled costs", "workqueue wakeup (ns)", "queue_work_on → kworker runnable (IPI + wakeup)",
                Long.class, x -> x.costs().workqueueWakeupNs(),
                (x, v) -> ScenarioEdits.with(x, new Costs(x.costs().contextSwitchNs(), (Long) v))));
    }

    private ConfigItem item(String cat, String name, String desc, Class<?> type, Function<Scenario, Object> get,
                            BiFunction<Scenario, Object, Scenario> with) {
        return new ConfigItem(cat, name, desc, type, model::scenario, get, with, model::reboot);
    }

    private PropertyEditor<?> editor(PropertySheet.Item item) {
        Class<?> t = item.getType();
        if (t == Integer.class) return new CommitTextEditor(item, Integer::valueOf);
        if (t == Long.class) return new CommitTextEditor(item, Long::valueOf);
        if (t == String.class) return new CommitTextEditor(item, s -> s);
        return DEFAULT.call(item);
    }

    private static final DefaultPropertyEditorFactory DEFAULT = new DefaultPropertyEditorFactory();
}
