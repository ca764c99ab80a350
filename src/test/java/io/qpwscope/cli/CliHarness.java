package io.qpwscope.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs one command standalone and keeps its exit code, stdout and stderr. */
record CliHarness(int exit, String out, String err) {
    static CliHarness run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliHarness(exit, out.toString(), err.toString());
    }
}
