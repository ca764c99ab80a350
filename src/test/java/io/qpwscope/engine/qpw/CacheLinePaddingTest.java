package io.qpwscope.engine.qpw;

import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot words of every lock own their cache line, in the layout this JVM really uses (JOL
 * asks the VM for field offsets): at least 64 bytes between each hot word and the object
 * header, the object's end, and any field that is neither hot nor padding.
 */
class CacheLinePaddingTest {
    private static final int LINE = 64;

    record Case(Class<?> type, Set<String> hot) {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static Stream<Case> locks() {
        return Stream.of(
                new Case(PerCpuSpinlock.class, Set.of("next", "serving", "owner", "acquiredAt", "heldNs")),
                new Case(LocalLock.class, Set.of("acquired", "acquiredAt")),
                new Case(YieldingSpinlock.class, Set.of("owner")));
    }

    @ParameterizedTest
    @MethodSource("locks")
    void hotWordsShouldHaveACacheLineToThemselves(Case c) {
        ClassLayout layout = ClassLayout.parseClass(c.type());
        String printed = layout.toPrintable();
        List<FieldLayout> fields = List.copyOf(layout.fields());
        List<FieldLayout> hot = fields.stream().filter(f -> c.hot().contains(f.name())).toList();
        assertEquals(c.hot().size(), hot.size(), "every hot field found\n" + printed);

        long headerEnd = layout.headerSize();
        long objectEnd = layout.instanceSize();
        for (FieldLayout h : hot) {
            assertTrue(h.offset() - headerEnd >= LINE,
                    h.name() + " at " + h.offset() + " is within a line of the header ending at " + headerEnd + "\n" + printed);
            long after = objectEnd - (h.offset() + h.size());
            assertTrue(after >= LINE, h.name() + " ends " + after + " bytes before the object does\n" + printed);
            for (FieldLayout other : fields) {
                if (c.hot().contains(other.name()) || isPadding(other)) continue;
                assertTrue(Math.abs(other.offset() - h.offset()) >= LINE,
                        h.name() + " shares a line with " + other.name() + "\n" + printed);
            }
        }
        long first = hot.stream().mapToLong(FieldLayout::offset).min().orElseThrow();
        long last = hot.stream().mapToLong(f -> f.offset() + f.size()).max().orElseThrow();
        assertTrue(last - first <= LINE, "hot words fit one line: " + first + ".." + last + "\n" + printed);
    }

    private static boolean isPadding(FieldLayout f) {
        return f.name().matches("p\\d\\d");
    }
}
