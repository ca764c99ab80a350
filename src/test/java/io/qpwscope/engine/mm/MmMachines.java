package io.qpwscope.engine.mm;

import io.qpwscope.engine.Machine;
import io.qpwscope.engine.kernel.KernelBoot;

/** Machines whose CPUs a test drives from its own thread (no CPU threads run). */
final class MmMachines {
    private MmMachines() {}

    /** 4 CPUs, CPU 3 isolated (nohz_full=3), CONFIG_QPW=y with the given key. */
    static Machine fourCpus(boolean configQpw, int qpw) {
        return Machine.forBenchmark(KernelBoot.resolve(configQpw, false, false,
                "nohz_full=3 isolcpus=nohz,domain,3 qpw=" + qpw, 4), 4);
    }
}
