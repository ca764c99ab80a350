package io.qpwscope.trace;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine, tracing, file formats, scenarios and command line run without a display. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.qpwscope");

    @Test
    void shouldKeepHeadlessLayersFreeOfJavaFx() {
        noClasses().that().resideInAnyPackage(
                        "io.qpwscope.engine..", "io.qpwscope.trace..", "io.qpwscope.recording..",
                        "io.qpwscope.scenario..", "io.qpwscope.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..",
                        "org.controlsfx..", "eu.hansolo..")
                .allowEmptyShould(true)
                .check(MAIN);
    }

    @Test
    void shouldKeepTracingBelowRecordingScenarioCliAndUi() {
        noClasses().that().resideInAnyPackage("io.qpwscope.trace..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.qpwscope.engine..", "io.qpwscope.recording..", "io.qpwscope.scenario..",
                        "io.qpwscope.cli..", "io.qpwscope.ui..")
                .check(MAIN);
    }

    @Test
    void shouldKeepTheEngineFreeOfTheScenarioFormat() {
        noClasses().that().resideInAnyPackage("io.qpwscope.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.qpwscope.scenario..", "io.qpwscope.cli..",
                        "io.qpwscope.recording..", "io.qpwscope.ui..")
                .check(MAIN);
    }

    @Test
    void shouldKeepImportAndReviewOffTheLayersAboveThem() {
        noClasses().that().resideInAnyPackage("io.qpwscope.ftrace..")
                .should().dependOnClassesThat().resideInAnyPackage("io.qpwscope.engine..", "io.qpwscope.cli..",
                        "io.qpwscope.ui..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("io.qpwscope.ui.review..")
                .should().dependOnClassesThat().resideInAnyPackage("io.qpwscope.cli..")
                .check(MAIN);
    }
}
