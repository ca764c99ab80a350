package io.qpwscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The command line: {@code qpwscope run|bench|validate|export|compare|open ...}. */
@Command(name = "qpwscope", mixinStandardHelpOptions = true, versionProvider = QpwScopeCommand.VersionProvider.class,
        description = "QPW Scope: a laboratory for the Linux kernel's QPW (Queue PerCPU Work) mechanism.%n"
                + "Without a command, opens the GUI on the default scenario.",
        subcommands = {RunCommand.class, BenchCommand.class, ValidateCommand.class, ExportCommand.class,
                CompareCommand.class, OpenCommand.class, ImportCommand.class, CaptureCommand.class,
                SweepCommand.class})
public final class QpwScopeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with one-line errors (no stack traces) for bad input. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new QpwScopeCommand());
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("qpwscope: " + ex.getMessage());
            CommandLine c = ex.getCommandLine();
            err.println("try: " + (c.getParent() == null ? "qpwscope --help" : "qpwscope " + c.getCommandName() + " --help"));
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("qpwscope " + c.getCommandName() + ": " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return 3;
        });
        return cl;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"QPW Scope " + io.qpwscope.trace.Version.get()};
        }
    }
}
