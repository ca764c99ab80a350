package io.qpwscope.cli;

import io.qpwscope.engine.Summary;
import io.qpwscope.trace.CpuMetrics;

import java.io.PrintWriter;

/** Human-readable form of a run summary. */
final class SummaryTable {
    private SummaryTable() {}

    static void print(Summary s, PrintWriter out) {
        Summary.Config c = s.config();
        out.printf("scenario %s: %.3f s, %d emulated CPUs on %d physical cores%s%n", s.scenario(), s.durationNs() / 1e9,
                s.cpus().size(), s.physicalCores(), s.pinned() ? " (pinned)" : " (not pinned)");
        if (!s.host().note().isEmpty()) out.printf("host:   %s%n", s.host().note());
        out.printf("host time: %s%n", s.steal().available()
                ? "measured from " + s.steal().source() + "; avail and kernel figures leave out steal and pause"
                : "not measured on this host: every figure includes it");
        out.printf("kernel: CONFIG_QPW=%s CONFIG_QPW_DEFAULT=%s PREEMPT_RT=%s boot \"%s\"%n", yn(c.configQpw()),
                yn(c.configQpwDefault()), yn(c.preemptRt()), c.boot());
        out.printf("        %s%n", c.reason());
        for (String w : c.warnings()) out.printf("        kernel: %s%n", w);
        out.printf("sched:  %s; modelled costs: context switch %d ns, workqueue wakeup %d ns%n", s.sched(),
                s.costs().contextSwitchNs(), s.costs().workqueueWakeupNs());
        out.printf("%n%4s %-9s %-8s %10s %9s %8s %8s %6s %12s %12s %9s %12s %12s%n", "cpu", "", "task", "local-lock", "remote",
                "queued", "executed", "intr", "intr-max", "noise-max", "avail", "lockwait-max", "steal");
        for (Summary.CpuReport r : s.cpus()) {
            CpuMetrics p = r.metrics();
            out.printf("%4d %-9s %-8s %10d %9d %8d %8d %6d %12s %12s %9s %12s %12s%n", p.cpu(), p.isolated() ? "isolated" : "",
                    p.task(), p.localLockOps(), p.remoteLockOps(), p.workQueuedTo(), p.workExecutedOn(),
                    p.interruptions(), ns(p.interruptionMaxNs()), ns(p.noiseMaxNs()),
                    r.cpuAvailablePct() == null ? "-" : String.format("%.3f%%", r.cpuAvailablePct()), ns(p.lockWaitMaxNs()),
                    ns(p.stealNs()));
        }
        Summary.Work w = s.work();
        out.printf("%nwork: %d queued, %d executed (%d on the target CPU, %d by the caller)%n", w.queued(), w.executed(),
                w.executedOnTarget(), w.executedByCaller());
        if (s.mm().memcgStrandedPages() > 0) {
            out.printf("memcg: %d pages of charge cached in isolated CPUs' stocks (drain_all_stock skips isolated CPUs)%n",
                    s.mm().memcgStrandedPages());
        }
        out.printf("trace: %d events, %d overruns%n", s.trace().events(), s.trace().overruns());
        out.printf("invariants: %s%n", s.invariants().ok() ? "ok" : String.join("; ", s.invariants().violations()));
    }

    private static String yn(boolean b) {
        return b ? "y" : "n";
    }

    static String ns(long ns) {
        if (ns == 0) return "-";
        if (ns < 10_000) return ns + " ns";
        if (ns < 10_000_000) return String.format("%.1f µs", ns / 1e3);
        return String.format("%.1f ms", ns / 1e6);
    }
}
