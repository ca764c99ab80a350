package io.qpwscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code validate FILE...} run standalone, as the top-level command will run it. */
class ValidateCommandTest {
    private static final Path BAD = Path.of("src/test/resources/scenarios-bad");

    private record Run(int exit, String out, String err) {}

    private static Run validate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new ValidateCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void allValidFilesExitZeroWithOneOkLineEach() {
        Run r = validate("scenarios/isolated-rt-flushbufs.json", "scenarios/contention.json");
        assertEquals(0, r.exit, r.err);
        assertEquals("scenarios/isolated-rt-flushbufs.json: ok\nscenarios/contention.json: ok\n", r.out.replace("\r\n", "\n"));
        assertEquals("", r.err);
    }

    static Stream<Path> badFiles() throws IOException {
        try (Stream<Path> s = Files.list(BAD)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    /** Each broken file prints exactly the lines in its .expected twin (FILE stands for the path). */
    @ParameterizedTest
    @MethodSource("badFiles")
    void brokenFileExitsTwoWithItsExpectedProblemLines(Path file) throws IOException {
        Run r = validate(file.toString());
        assertEquals(ValidateCommand.INVALID, r.exit);
        assertEquals("", r.out);
        Path expected = Path.of(file.toString().replace(".json", ".expected"));
        assertEquals(Files.readString(expected).replace("FILE", file.toString()), r.err.replace("\r\n", "\n"));
    }

    @Test
    void oneBadFileAmongGoodOnesStillReportsTheGoodOnesAndExitsTwo() {
        Run r = validate("scenarios/kmalloc-bench.json", BAD.resolve("unknown-field.json").toString());
        assertEquals(2, r.exit);
        assertEquals("scenarios/kmalloc-bench.json: ok\n", r.out.replace("\r\n", "\n"));
        assertTrue(r.err.startsWith(BAD.resolve("unknown-field.json") + ":3:27: machine.pinned: unknown field"), r.err);
    }

    @Test
    void unreadableFilesSayWhy(@TempDir Path dir) {
        Run r = validate(dir.resolve("missing.json").toString(), dir.toString());
        assertEquals(2, r.exit);
        assertEquals(dir.resolve("missing.json") + ": cannot read: no such file\n" + dir + ": cannot read: is a directory\n",
                r.err.replace("\r\n", "\n"));
    }

    @Test
    void noFileIsAUsageError() {
        Run r = validate();
        assertEquals(2, r.exit);
        assertTrue(r.err.contains("Missing required parameter"), r.err);
    }
}
