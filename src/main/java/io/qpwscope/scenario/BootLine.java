package io.qpwscope.scenario;

import io.qpwscope.engine.kernel.BootParamException;
import io.qpwscope.engine.kernel.BootParams;
import io.qpwscope.engine.kernel.BootParams.IsolFlag;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A scenario's kernel command line, as validation sees it: the engine's {@link BootParams}
 * (the one parser, with kernel semantics) with its CPU masks as {@link CpuList}s and its
 * errors as {@link ValueSyntaxException}s that the loader places at a line and column.
 */
public final class BootLine {
    public static final BootLine EMPTY = new BootLine(BootParams.EMPTY);

    private final BootParams params;

    private BootLine(BootParams params) {
        this.params = params;
    }

    /**
     * @throws ValueSyntaxException for a malformed list, an unknown isolcpus flag or a list
     *                              parameter given twice; its offset points into {@code text}
     */
    public static BootLine parse(String text) {
        try {
            return new BootLine(BootParams.parse(text));
        } catch (BootParamException e) {
            throw new ValueSyntaxException(e.getMessage(), e.offset());
        }
    }

    /**
     * Checks every CPU list against a machine of {@code cpus} CPUs, and that at least one CPU
     * is left for housekeeping (the kernel would otherwise silently keep the boot CPU).
     *
     * @return problems with offsets into the boot line, empty when all is well
     */
    public List<ValueSyntaxException> checkAgainst(int cpus) {
        return params.checkAgainst(cpus).stream().map(e -> new ValueSyntaxException(e.getMessage(), e.offset())).toList();
    }

    /** The parsed line as the engine's kernel resolution reads it. */
    public BootParams params() {
        return params;
    }

    public String text() {
        return params.text();
    }

    /** @return the raw value of the last {@code qpw=}, if any (not checked: the kernel ignores a bad one with a warning). */
    public Optional<String> qpw() {
        return Optional.ofNullable(params.qpw());
    }

    public CpuList nohzFull() {
        return CpuList.ofBits(params.nohzFull());
    }

    public CpuList isolcpus() {
        return CpuList.ofBits(params.isolcpus());
    }

    public Set<IsolFlag> isolcpusFlags() {
        return params.isolcpusFlags();
    }

    /** @return the rcu_nocbs= list; see {@link #rcuNocbsAll()} for the bare form. */
    public CpuList rcuNocbs() {
        return CpuList.ofBits(params.rcuNocbs());
    }

    /** @return true for a bare {@code rcu_nocbs} (or {@code rcu_nocbs=}): every CPU offloaded. */
    public boolean rcuNocbsAll() {
        return params.rcuNocbsAll();
    }

    /** CPUs that {@code cpu_is_isolated()} reports, see {@link BootParams#isolatedMask()}. */
    public CpuList isolated() {
        return CpuList.ofBits(params.isolatedMask());
    }

    /** {@code housekeeping_enabled(HK_TYPE_KERNEL_NOISE)}, see {@link BootParams#kernelNoiseIsolation()}. */
    public boolean kernelNoiseIsolation() {
        return params.kernelNoiseIsolation();
    }

    @Override
    public String toString() {
        return params.text();
    }
}
