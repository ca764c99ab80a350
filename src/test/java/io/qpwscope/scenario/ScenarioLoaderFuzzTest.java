package io.qpwscope.scenario;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever the bytes, the loader returns a scenario or throws a {@link ScenarioException}
 * whose problems are placed inside the text; nothing else escapes. Plain test runs replay
 * the seeds in {@code src/test/resources/io/qpwscope/scenario/ScenarioLoaderFuzzTestInputs};
 * {@code JAZZER_FUZZ=1 mvn -o test -Dtest=ScenarioLoaderFuzzTest} fuzzes.
 */
class ScenarioLoaderFuzzTest {
    private static final ScenarioLoader LOADER = new ScenarioLoader();

    @FuzzTest(maxDuration = "60s")
    void loaderFailsOnlyWithPlacedProblems(String json) {
        if (json == null) return; // a programming error, rejected with NullPointerException
        try {
            LOADER.parse(json, "fuzz");
        } catch (ScenarioException e) {
            long lines = json.lines().count() + 1;
            for (Problem p : e.problems()) {
                if (p.line() < 1 || p.line() > lines || p.column() < 1) {
                    throw new AssertionError("problem outside the text: " + p);
                }
            }
        }
    }
}
