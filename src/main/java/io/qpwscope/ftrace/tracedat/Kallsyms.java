package io.qpwscope.ftrace.tracedat;

import java.util.Arrays;

/** The file's copy of {@code /proc/kallsyms}: kernel addresses to symbol names, as {@code %ps} prints them. */
final class Kallsyms {
    static final Kallsyms EMPTY = new Kallsyms(new long[0], new String[0]);

    /** Addresses with the sign bit flipped, so signed order is unsigned address order. */
    private final long[] keys;
    private final String[] names;

    private Kallsyms(long[] keys, String[] names) {
        this.keys = keys;
        this.names = names;
    }

    /** Parses {@code ADDRESS TYPE NAME [MODULE]} lines; lines that are not of that shape are skipped. */
    static Kallsyms parse(String text) {
        String[] lines = text.split("\n");
        long[] k = new long[lines.length];
        String[] n = new String[lines.length];
        int count = 0;
        for (String line : lines) {
            int a = line.indexOf(' ');
            if (a <= 0 || a > 16 || line.length() < a + 4 || line.charAt(a + 2) != ' ') continue;
            long addr;
            try {
                addr = Long.parseUnsignedLong(line, 0, a, 16);
            } catch (NumberFormatException e) {
                continue;
            }
            int nameEnd = line.indexOf('\t', a + 3);
            k[count] = addr ^ Long.MIN_VALUE;
            n[count++] = line.substring(a + 3, nameEnd < 0 ? line.length() : nameEnd).strip();
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Long.compare(k[x], k[y]));
        long[] keys = new long[count];
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = k[order[i]];
            names[i] = n[order[i]];
        }
        return new Kallsyms(keys, names);
    }

    int size() {
        return keys.length;
    }

    /** The symbol at or just below {@code address} (as {@code %ps} prints a function), or null. */
    String symbol(long address) {
        int i = Arrays.binarySearch(keys, address ^ Long.MIN_VALUE);
        if (i < 0) i = -i - 2;
        return i >= 0 && address != 0 ? names[i] : null;
    }
}
