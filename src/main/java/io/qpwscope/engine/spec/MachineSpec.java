package io.qpwscope.engine.spec;

/**
 * The emulated machine.
 *
 * @param cpus 1..64 emulated CPUs, one platform thread each
 * @param pin  pin CPU threads to physical cores when there are enough
 */
public record MachineSpec(int cpus, boolean pin) {
    public static final int MAX_CPUS = 64;

    public MachineSpec {
        if (cpus < 1 || cpus > MAX_CPUS) throw new IllegalArgumentException("cpus must be 1.." + MAX_CPUS + ", got " + cpus);
    }

    /** Every CPU of the machine as a mask, bit n = CPU n. */
    public long allCpus() {
        return cpus == 64 ? -1L : (1L << cpus) - 1;
    }
}
