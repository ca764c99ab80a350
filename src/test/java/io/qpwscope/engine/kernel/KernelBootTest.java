package io.qpwscope.engine.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelBootTest {
    private static BootResult boot(boolean qpw, boolean dflt, String line) {
        return KernelBoot.resolve(qpw, dflt, false, line, 8);
    }

    @Test
    void configQpwOffWinsOverEverything() {
        BootResult r = boot(false, true, "qpw=1 nohz_full=3");
        assertEquals(0, r.effectiveQpw());
        assertTrue(r.reason().contains("CONFIG_QPW=n"), r.reason());
    }

    @Test
    void defaultComesFromConfigQpwDefault() {
        assertEquals(0, boot(true, false, "").effectiveQpw());
        assertEquals(1, boot(true, true, "").effectiveQpw());
    }

    @ParameterizedTest
    @CsvSource({"qpw=1,1", "qpw=0,0", "qpw=7,1", "qpw=-1,1", "qpw=0x0,0", "qpw=1abc,1", "qpw=00,0", "qpw=0x,0", "qpw=0xg,0"})
    void bootParameterIsParsedAsAnInteger(String param, int expected) {
        assertEquals(expected, boot(true, expected == 0, param).effectiveQpw());
        assertEquals(expected, boot(true, expected != 0 ? false : true, param).effectiveQpw());
    }

    @Test
    void unparsableParameterLogsTheKernelWarningAndIsIgnored() {
        BootResult r = boot(true, true, "qpw=on");
        assertEquals(1, r.effectiveQpw(), "CONFIG_QPW_DEFAULT stays in force");
        assertEquals(List.of("QPW: invalid qpw parameter: on, ignoring."), r.warnings());
        assertEquals(List.of("QPW: invalid qpw parameter: , ignoring."), boot(true, false, "qpw=").warnings());
    }

    @Test
    void leadingPlusIsRefusedAsGetOptionDoes() {
        BootResult r = boot(true, false, "qpw=+1");
        assertEquals(0, r.effectiveQpw(), "simple_strtoull parses no digit after '+'");
        assertEquals(List.of("QPW: invalid qpw parameter: +1, ignoring."), r.warnings());
        assertEquals(null, BootParams.getOption("+1"));
        assertEquals(-1, BootParams.getOption("-1"));
    }

    @Test
    void nohzFullAutoEnablesQpwWhenNoParameterIsGiven() {
        BootResult r = boot(true, false, "nohz_full=2-3");
        assertEquals(1, r.effectiveQpw());
        assertTrue(r.reason().contains("auto-enabled by nohz_full="), r.reason());
        assertEquals(0b1100, r.isolatedMask());
    }

    @Test
    void isolcpusWithNohzFlagAutoEnablesButPlainIsolcpusDoesNot() {
        assertEquals(1, boot(true, false, "isolcpus=nohz,domain,3").effectiveQpw());
        BootResult plain = boot(true, false, "isolcpus=3");
        assertEquals(0, plain.effectiveQpw());
        assertTrue(plain.isolated(3));
        assertEquals(0, boot(true, false, "isolcpus=managed_irq,3").effectiveQpw());
    }

    @Test
    void explicitParameterBeatsAutoEnable() {
        assertEquals(0, boot(true, false, "nohz_full=3 qpw=0").effectiveQpw());
        // an invalid parameter does not count as given: auto-enable still applies
        assertEquals(1, boot(true, false, "nohz_full=3 qpw=x").effectiveQpw());
    }

    @Test
    void cpuListsOutsideTheMachineAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> boot(true, false, "nohz_full=9"));
        assertEquals(0b100111, KernelBoot.mask("0,1,2,5", 8));
        assertThrows(IllegalArgumentException.class, () -> KernelBoot.mask("0-8", 8));
    }
}
