package io.qpwscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qpwscope.engine.Engine;
import io.qpwscope.engine.EngineFailure;
import io.qpwscope.engine.FailureInjection;
import io.qpwscope.engine.Summary;
import io.qpwscope.scenario.Scenario;
import io.qpwscope.scenario.ScenarioException;
import io.qpwscope.scenario.ScenarioLoader;
import io.qpwscope.scenario.ScenarioResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** {@code run SCENARIO.json [--qpw=0|1] [--duration=2s] [--json] [--record=FILE]} */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario headless and print a summary (exit 0 ok, 1 invariant violated, 2 bad input).")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO.json", description = "scenario file")
    Path scenarioFile;

    @Option(names = "--qpw", paramLabel = "0|1", description = "boot with qpw=N (appended to the scenario's boot line)")
    Integer qpw;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "run length, e.g. 2s, 500ms (default: the scenario's durationMs)")
    Long durationNs;

    @Option(names = "--json", description = "print one JSON summary object on stdout")
    boolean json;

    @Option(names = "--record", paramLabel = "FILE", description = "write a .qpwrec recording of the run")
    Path record;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (qpw != null && qpw != 0 && qpw != 1) {
            err.println("qpwscope run: --qpw must be 0 or 1, not " + qpw);
            return 2;
        }
        Scenario scenario;
        String scenarioJson;
        try {
            scenarioJson = java.nio.file.Files.readString(scenarioFile);
            scenario = new ScenarioLoader().load(scenarioFile);
        } catch (ScenarioException e) {
            err.println("qpwscope run: invalid scenario: " + e.getMessage().lines().findFirst().orElse(""));
            return 2;
        } catch (IOException e) {
            err.println("qpwscope run: cannot read " + scenarioFile + ": " + e.getMessage());
            return 2;
        }
        long runNs = durationNs != null ? durationNs : scenario.durationMs() * 1_000_000L;
        Summary summary;
        RunRecorder opened;
        try {
            opened = RunRecorder.open(record);
        } catch (IOException e) {
            err.println("qpwscope run: cannot record to " + record + ": " + e.getMessage());
            return 2;
        }
        Optional<EngineFailure> failure;
        try (RunRecorder recorder = opened) {
            Engine engine = new Engine(ScenarioResolver.resolve(scenario, qpw, scenarioJson));
            if (recorder != null) recorder.attach(engine);
            engine.start();
            int inject = FailureInjection.requestedTarget();
            if (inject >= 0) FailureInjection.failingWork(engine, inject == 0 ? 1 : 0, inject);
            long end = System.nanoTime() + runNs;
            while (System.nanoTime() < end && engine.failure().isEmpty()) {
                LockSupport.parkNanos(Math.min(50_000_000L, end - System.nanoTime()));
            }
            engine.stop();
            summary = engine.summary();
            failure = engine.failure();
            if (recorder != null && (failure.isEmpty() || !failure.get().thread().equals("recorder"))) {
                recorder.finish(engine); // after a CPU failed the file still ends cleanly, up to the failure
            }
        }
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(m.writeValueAsString(summary));
        } else {
            SummaryTable.print(summary, out);
        }
        out.flush();
        if (failure.isPresent()) {
            err.println("qpwscope: " + failure.get().describe());
            return 1;
        }
        if (!summary.invariants().ok()) {
            err.println("qpwscope run: invariant violated: " + summary.invariants().violations().getFirst());
            return 1;
        }
        return 0;
    }
}
