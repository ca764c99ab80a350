package io.qpwscope.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The import's line reader splits as BufferedReader.readLine does, across buffer refills and for lines longer than the buffer. */
class LatinLinesTest {
    private static List<String> lines(String text, int buffer) throws Exception {
        LatinLines l = new LatinLines(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)), buffer);
        List<String> out = new ArrayList<>();
        for (String s; (s = l.readLine()) != null; ) out.add(s);
        return out;
    }

    private static List<String> reference(String text) throws Exception {
        BufferedReader r = new BufferedReader(new StringReader(text));
        List<String> out = new ArrayList<>();
        for (String s; (s = r.readLine()) != null; ) out.add(s);
        return out;
    }

    @Test
    void shouldSplitAsBufferedReaderDoesForEveryBufferSize() throws Exception {
        String text = "# tracer: nop\n\nbash-1 [000] 1.000001: x: y\r\nCRLF next\rlone CR\n" + "z".repeat(70) + "\n\u00e9t\u00e9 latin-1\nno end";
        for (int size : new int[] {16, 17, 31, 64, 1 << 20}) {
            assertEquals(reference(text), lines(text, size), "buffer " + size);
        }
        assertEquals(List.of("a", ""), lines("a\r\n\r\n", 16));
        assertEquals(List.of(), lines("", 16));
    }
}
