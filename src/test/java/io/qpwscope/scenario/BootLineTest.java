package io.qpwscope.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qpwscope.engine.kernel.BootParams.IsolFlag;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BootLineTest {
    @Test
    void nohzFullIsolatesAndTurnsOnKernelNoiseIsolation() {
        BootLine b = BootLine.parse("quiet nohz_full=2-3 loglevel=7");
        assertEquals(CpuList.parse("2-3"), b.isolated());
        assertTrue(b.kernelNoiseIsolation());
        assertEquals(Optional.empty(), b.qpw());
    }

    @Test
    void plainIsolcpusIsolatesButIsNotKernelNoiseIsolation() {
        BootLine b = BootLine.parse("isolcpus=3");
        assertEquals(CpuList.of(3), b.isolated());
        assertFalse(b.kernelNoiseIsolation(), "plain isolcpus= is domain isolation only: no v3 auto-enable");
        assertEquals(Set.of(), b.isolcpusFlags());
    }

    @Test
    void isolcpusFlagsAreReadLikeTheKernel() {
        BootLine b = BootLine.parse("isolcpus=nohz,domain,3-5");
        assertEquals(Set.of(IsolFlag.NOHZ, IsolFlag.DOMAIN), b.isolcpusFlags());
        assertEquals(CpuList.parse("3-5"), b.isolcpus());
        assertTrue(b.kernelNoiseIsolation());
    }

    @Test
    void managedIrqAloneDoesNotMakeACpuIsolated() {
        BootLine b = BootLine.parse("isolcpus=managed_irq,2");
        assertEquals(CpuList.EMPTY, b.isolated());
        assertFalse(b.kernelNoiseIsolation());
    }

    @Test
    void qpwIsKeptRawAndTheLastOneWins() {
        assertEquals("junk", BootLine.parse("qpw=1 qpw=junk").qpw().orElseThrow());
        assertEquals("0", BootLine.parse("qpw=0").qpw().orElseThrow());
        assertEquals(Optional.empty(), BootLine.parse("qpw").qpw(), "a bare word is not the qpw= parameter");
    }

    @Test
    void rcuNocbsTakesAnOptionalList() {
        assertTrue(BootLine.parse("rcu_nocbs").rcuNocbsAll());
        assertEquals(CpuList.parse("1-3"), BootLine.parse("rcu_nocbs=1-3").rcuNocbs());
    }

    @Test
    void unknownParametersAndQuotedValuesAreIgnored() {
        BootLine b = BootLine.parse("  console=ttyS0,115200 dyndbg=\"file a.c +p\" nohz_full=1  ");
        assertEquals(CpuList.of(1), b.nohzFull());
    }

    @Test
    void shouldRejectTyposThatWouldSilentlyChangeIsolation() {
        assertOffset("isolcpus=nozh,3", 9, "unknown isolcpus flag 'nozh'");
        assertOffset("isolcpus=nohz", 9, "must be followed by ,LIST");
        assertOffset("quiet nohz_full=", 16, "empty CPU list");
        assertOffset("nohz_full", 0, "needs a CPU list");
        assertOffset("nohz_full=1 nohz_full=2", 12, "given twice");
        assertOffset("nohz_full=1-x", 12, "unexpected 'x'");
    }

    private static void assertOffset(String line, int offset, String message) {
        ValueSyntaxException e = assertThrows(ValueSyntaxException.class, () -> BootLine.parse(line));
        assertEquals(offset, e.offset(), e::getMessage);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void checkAgainstFindsCpusBeyondTheMachineAndFullIsolation() {
        List<ValueSyntaxException> beyond = BootLine.parse("nohz_full=3 isolcpus=2-4").checkAgainst(4);
        assertEquals(1, beyond.size());
        assertEquals(21, beyond.getFirst().offset());
        assertTrue(beyond.getFirst().getMessage().contains("names CPU 4"), beyond.getFirst().getMessage());

        List<ValueSyntaxException> all = BootLine.parse("nohz_full=0-1").checkAgainst(2);
        assertTrue(all.getFirst().getMessage().startsWith("isolates every CPU"));
        assertTrue(BootLine.parse("nohz_full=1 rcu_nocbs=0-1").checkAgainst(2).isEmpty());
    }
}
