package io.qpwscope.trace;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The house: which layer may use which. A new dependency that breaks it fails the build; move
 * the shared piece down a layer instead of reaching up.
 *
 * <pre>
 *   Launcher ─┬─ ui  ──┐                  (ui and cli never see each other)
 *             └─ cli ──┤
 *                      ├─ bench, sweep, ftrace, scenario
 *                      ├─ recording ─┐
 *                      ├─ engine ────┤
 *                      └─────────────┴─ trace   (uses nothing of ours)
 *   engine, bench, sweep ─ stats                (statistics: uses nothing of ours)
 * </pre>
 */
class LayeredArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.qpwscope");

    @Test
    void shouldKeepTheLayersOfTheHouse() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Launcher").definedBy("io.qpwscope")
                .layer("Ui").definedBy("io.qpwscope.ui..")
                .layer("Cli").definedBy("io.qpwscope.cli..")
                .layer("Bench").definedBy("io.qpwscope.bench..")
                .layer("Sweep").definedBy("io.qpwscope.sweep..")
                .layer("Ftrace").definedBy("io.qpwscope.ftrace..")
                .layer("Scenario").definedBy("io.qpwscope.scenario..")
                .layer("Recording").definedBy("io.qpwscope.recording..")
                .layer("Engine").definedBy("io.qpwscope.engine..")
                .layer("Trace").definedBy("io.qpwscope.trace..")
                .layer("Stats").definedBy("io.qpwscope.stats..")
                .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("Ui").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Bench").mayOnlyBeAccessedByLayers("Cli", "Ui")
                .whereLayer("Sweep").mayOnlyBeAccessedByLayers("Cli", "Ui")
                .whereLayer("Ftrace").mayOnlyBeAccessedByLayers("Cli", "Ui")
                .whereLayer("Scenario").mayOnlyBeAccessedByLayers("Cli", "Ui", "Bench", "Sweep")
                .whereLayer("Recording").mayOnlyBeAccessedByLayers("Ftrace", "Cli", "Ui")
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("Scenario", "Bench", "Sweep", "Cli", "Ui")
                .whereLayer("Trace").mayOnlyBeAccessedByLayers("Engine", "Recording", "Ftrace", "Scenario", "Bench", "Sweep", "Cli", "Ui")
                .whereLayer("Stats").mayOnlyBeAccessedByLayers("Engine", "Bench", "Sweep", "Cli", "Ui")
                .check(MAIN);
    }
}
