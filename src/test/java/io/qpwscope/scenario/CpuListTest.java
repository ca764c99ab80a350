package io.qpwscope.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuListTest {
    @Test
    void shouldParseCpusAndInclusiveRanges() {
        assertArrayEquals(new int[] {0, 1, 2, 5}, CpuList.parse("0-2,5").toArray());
        assertArrayEquals(new int[] {3}, CpuList.parse("3").toArray());
        assertArrayEquals(new int[] {7}, CpuList.parse("07").toArray());
        assertEquals(64, CpuList.parse("0-63").size());
        assertEquals(63, CpuList.parse("62-63").max());
        assertEquals(CpuList.parse("1,2,3"), CpuList.parse("1-3"));
    }

    @Test
    void shouldPrintTheCanonicalKernelForm() {
        assertEquals("0-2,5,7-8", CpuList.parse("8,7,5,2,1,0").toString());
        assertEquals("0-63", CpuList.firstN(64).toString());
        assertEquals("", CpuList.EMPTY.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''        | 0 | empty CPU list",
            "1,        | 2 | ends early",
            "1-        | 2 | ends early",
            "a         | 0 | unexpected 'a'",
            "0-2;5     | 3 | unexpected ';'",
            "' 1'      | 0 | unexpected ' '",
            "3-1       | 0 | runs backwards",
            "0,64      | 2 | CPU 64 is beyond CPU 63",
            "99999999999 | 0 | is beyond CPU 63",
    })
    void shouldRejectMalformedListsWithTheOffsetOfTheFault(String text, int offset, String message) {
        ValueSyntaxException e = assertThrows(ValueSyntaxException.class, () -> CpuList.parse(text));
        assertEquals(offset, e.offset(), e::getMessage);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void setOperationsFollowTheBits() {
        CpuList a = CpuList.parse("0-3");
        CpuList b = CpuList.parse("2-5");
        assertEquals(CpuList.parse("2-3"), a.intersection(b));
        assertEquals(CpuList.parse("0-5"), a.union(b));
        assertEquals(CpuList.parse("0-1"), a.minus(b));
        assertEquals(-1, CpuList.EMPTY.max());
        assertTrue(CpuList.firstN(0).isEmpty());
    }
}
