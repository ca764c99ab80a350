package io.qpwscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioException;
import io.qpwscope.scenario.ScenarioLoader;
import io.qpwscope.sweep.SweepCsv;
import io.qpwscope.sweep.SweepException;
import io.qpwscope.sweep.SweepListener;
import io.qpwscope.sweep.SweepParameter;
import io.qpwscope.sweep.SweepPlan;
import io.qpwscope.sweep.SweepResult;
import io.qpwscope.sweep.SweepRow;
import io.qpwscope.sweep.SweepRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sweep SCENARIO --param PATH=V1,V2,... [--duration=1s] [--json] [--csv FILE]} */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Sweep one scenario parameter over values, each run headless in both modes (qpw=0, qpw=1);"
                + " one row per value and mode (exit 0 ok, 1 a run failed or broke an invariant, 2 bad input).",
                "Figures are the kernel parts (host steal taken out); host steal is a column of its own."})
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO.json", description = "scenario file")
    Path scenarioFile;

    @Option(names = "--param", required = true, paramLabel = "PATH=V1,V2,...",
            description = "the parameter and its values: triggers[0].everyMs=50,100,200, machine.cpus=4,8,"
                    + " workloads[1].opsPerLoop=1,8,64, isolated=3;2-3 (';' between values holding commas)")
    String param;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "length of each run, e.g. 1s, 500ms (default: 1s)")
    Long durationNs;

    @Option(names = "--json", description = "print one JSON object with the rows on stdout")
    boolean json;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the rows as CSV (replaced atomically)")
    Path csv;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario;
        try {
            scenario = new ScenarioLoader().load(scenarioFile);
        } catch (ScenarioException e) {
            err.println("qpwscope sweep: invalid scenario: " + e.getMessage().lines().findFirst().orElse(""));
            return 2;
        } catch (IOException e) {
            err.println("qpwscope sweep: cannot read " + CliErrors.describe(e));
            return 2;
        }
        SweepPlan plan;
        try {
            plan = SweepPlan.of(scenario, SweepParameter.parse(param));
        } catch (SweepException e) {
            err.println("qpwscope sweep: " + e.getMessage());
            return 2;
        }
        SweepRunner runner = new SweepRunner(plan, durationNs != null ? durationNs : SweepRunner.DEFAULT_DURATION_NS);
        Thread cancelOnExit = new Thread(runner::cancel, "sweep-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        SweepResult result;
        try {
            result = runner.run(new SweepListener() {
                @Override
                public void starting(int index, int total, String value, int qpw) {
                    err.printf(Locale.ROOT, "sweep %d/%d: %s=%s qpw=%d%n", index + 1, total, plan.parameter().path(), value, qpw);
                    err.flush();
                }
            });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook has cancelled the sweep
            }
        }
        if (csv != null) {
            try {
                SweepCsv.write(result, csv);
            } catch (IOException e) {
                err.println("qpwscope sweep: cannot write " + CliErrors.describe(e));
                return 2;
            }
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            SweepTable.print(result, out);
        }
        out.flush();
        for (SweepRow r : result.rows()) {
            if (!r.ok()) {
                err.println("qpwscope sweep: " + result.parameter() + "=" + r.value() + " qpw=" + r.qpw() + ": " + r.note());
                return 1;
            }
        }
        return 0;
    }
}
