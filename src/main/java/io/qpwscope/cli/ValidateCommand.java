package io.qpwscope.cli;

import io.qpwscope.scenario.Problem;
import io.qpwscope.scenario.ScenarioException;
import io.qpwscope.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate FILE...}: checks scenario files without running them. Prints
 * {@code FILE: ok} on stdout for each valid file and one {@code file:line:column: path: message}
 * line on stderr per problem otherwise. Exit 0 when every file is valid, 2 otherwise (also
 * for a file that cannot be read: {@code FILE: cannot read: reason}).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario files: exit 0 if all are valid, 2 with file:line:column: path: message per problem otherwise.")
public final class ValidateCommand implements Callable<Integer> {
    /** Exit status for invalid or unreadable input. */
    public static final int INVALID = 2;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario JSON files.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    private final ScenarioLoader loader = new ScenarioLoader();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allValid = true;
        for (Path file : files) {
            try {
                loader.load(file);
                out.println(file + ": ok");
            } catch (ScenarioException e) {
                allValid = false;
                for (Problem p : e.problems()) err.println(p);
            } catch (IOException e) {
                allValid = false;
                err.println(file + ": cannot read: " + reason(e));
            }
        }
        out.flush();
        err.flush();
        return allValid ? 0 : INVALID;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        String m = e.getMessage();
        if (m != null && m.contains("Is a directory")) return "is a directory";
        return m != null ? m : e.getClass().getSimpleName();
    }
}
