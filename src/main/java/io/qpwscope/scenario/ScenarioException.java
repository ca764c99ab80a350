package io.qpwscope.scenario;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** A scenario that cannot be used; carries every problem found, in file order. */
public final class ScenarioException extends Exception {
    private final transient List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        super(problems.stream().sorted(ORDER).map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) throw new IllegalArgumentException("a ScenarioException needs at least one problem");
        this.problems = problems.stream().sorted(ORDER).toList();
    }

    private static final Comparator<Problem> ORDER =
            Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

    /** @return the problems sorted by line and column (stable for problems at the same place). */
    public List<Problem> problems() {
        return problems;
    }
}
