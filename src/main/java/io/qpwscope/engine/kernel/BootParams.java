package io.qpwscope.engine.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of a kernel command line that matter to QPW, parsed the way the kernel does. The
 * one parser behind both the kernel resolution ({@link KernelBoot}) and scenario validation.
 *
 * <ul>
 *   <li>{@code qpw=X}: kept raw (the last one wins, as with any {@code __setup} parameter) and
 *       read with {@link #getOption(String)}. An unparsable value is not an error here: the
 *       kernel logs "QPW: invalid qpw parameter" and ignores it.</li>
 *   <li>{@code nohz_full=LIST}: tick-less CPUs; implies kernel-noise isolation.</li>
 *   <li>{@code isolcpus=[FLAG,]...LIST}: FLAG is {@code nohz}, {@code domain} or
 *       {@code managed_irq}; no flag means {@code domain}
 *       (kernel/sched/isolation.c, housekeeping_isolcpus_setup).</li>
 *   <li>{@code rcu_nocbs[=LIST]}: accepted and checked; no list means every CPU.</li>
 *   <li>anything else ({@code key=value} or a bare word): ignored, as the kernel passes unknown
 *       parameters on to init.</li>
 * </ul>
 *
 * <p>Unlike the kernel, an unknown {@code isolcpus} flag, an empty or malformed CPU list, or a
 * list given twice is an error: they are typos that would silently change which CPUs are
 * isolated.
 */
public final class BootParams {
    /** isolcpus= flags (kernel HK_FLAG_* for isolcpus). */
    public enum IsolFlag {
        NOHZ("nohz"), DOMAIN("domain"), MANAGED_IRQ("managed_irq");

        public final String word;

        IsolFlag(String word) {
            this.word = word;
        }

        static IsolFlag of(String word) {
            for (IsolFlag f : values()) if (f.word.equals(word)) return f;
            return null;
        }
    }

    /**
     * One CPU list of the line.
     * @param param  the parameter, e.g. "nohz_full"
     * @param text   the list as written
     * @param mask   the CPUs, bit n = CPU n
     * @param offset where the list starts in the line
     */
    public record PlacedList(String param, String text, long mask, int offset) {}

    public static final BootParams EMPTY = parse("");

    private final String text;
    private final String qpw;
    private final long nohzFull;
    private final long isolcpus;
    private final Set<IsolFlag> isolcpusFlags;
    private final long rcuNocbs;
    private final boolean rcuNocbsAll;
    private final List<PlacedList> lists;

    private BootParams(String text, String qpw, long nohzFull, long isolcpus, Set<IsolFlag> isolcpusFlags,
                       long rcuNocbs, boolean rcuNocbsAll, List<PlacedList> lists) {
        this.text = text;
        this.qpw = qpw;
        this.nohzFull = nohzFull;
        this.isolcpus = isolcpus;
        this.isolcpusFlags = isolcpusFlags;
        this.rcuNocbs = rcuNocbs;
        this.rcuNocbsAll = rcuNocbsAll;
        this.lists = lists;
    }

    /**
     * @throws BootParamException for a malformed list, an unknown isolcpus flag or a list
     *                            parameter given twice; its offset points into {@code text}
     */
    public static BootParams parse(String text) {
        String qpw = null;
        Long nohz = null;
        Long isol = null;
        Set<IsolFlag> flags = EnumSet.noneOf(IsolFlag.class);
        Long nocbs = null;
        boolean nocbsAll = false;
        List<PlacedList> lists = new ArrayList<>();
        for (Token t : tokens(text)) {
            int eq = t.word.indexOf('=');
            String key = eq < 0 ? t.word : t.word.substring(0, eq);
            String value = eq < 0 ? null : unquote(t.word.substring(eq + 1));
            int valueAt = t.offset + eq + 1 + (eq >= 0 && t.word.startsWith("\"", eq + 1) ? 1 : 0);
            switch (key) {
                case "qpw" -> {
                    if (value != null) qpw = value;
                }
                case "nohz_full" -> {
                    requireOnce(nohz, key, t.offset);
                    nohz = list(key, value, valueAt, t.offset, lists);
                }
                case "isolcpus" -> {
                    requireOnce(isol, key, t.offset);
                    if (value == null) throw new BootParamException("isolcpus needs a CPU list: isolcpus=[flags,]LIST", t.offset);
                    int at = 0;
                    while (at < value.length() && Character.isLetter(value.charAt(at))) {
                        int comma = value.indexOf(',', at);
                        String word = value.substring(at, comma < 0 ? value.length() : comma);
                        IsolFlag f = IsolFlag.of(word);
                        if (f == null) {
                            throw new BootParamException("unknown isolcpus flag '" + word
                                    + "' (known: nohz, domain, managed_irq; the kernel would skip it)", valueAt + at);
                        }
                        if (comma < 0) {
                            throw new BootParamException("isolcpus flag '" + word + "' must be followed by ,LIST", valueAt + at);
                        }
                        flags.add(f);
                        at = comma + 1;
                    }
                    isol = list(key, value.substring(at), valueAt + at, t.offset, lists);
                }
                case "rcu_nocbs" -> {
                    requireOnce(nocbs, key, t.offset);
                    if (value == null || value.isEmpty()) {
                        nocbs = 0L;
                        nocbsAll = true;
                    } else {
                        nocbs = list(key, value, valueAt, t.offset, lists);
                    }
                }
                default -> { }
            }
        }
        return new BootParams(text, qpw, nohz == null ? 0 : nohz, isol == null ? 0 : isol,
                Collections.unmodifiableSet(flags), nocbs == null ? 0 : nocbs, nocbsAll, List.copyOf(lists));
    }

    private static void requireOnce(Long seen, String key, int offset) {
        if (seen != null) throw new BootParamException(key + "= is given twice", offset);
    }

    private static long list(String key, String value, int valueAt, int tokenAt, List<PlacedList> lists) {
        if (value == null) throw new BootParamException(key + " needs a CPU list: " + key + "=LIST", tokenAt);
        try {
            long cpus = CpuMask.parse(value);
            lists.add(new PlacedList(key, value, cpus, valueAt));
            return cpus;
        } catch (BootParamException e) {
            throw new BootParamException(key + "=: " + e.getMessage(), valueAt + e.offset());
        }
    }

    private record Token(String word, int offset) {}

    /** Splits on blanks outside double quotes, like the kernel's next_arg(). */
    private static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean quoted = false;
            while (i < text.length() && (quoted || !Character.isWhitespace(text.charAt(i)))) {
                if (text.charAt(i) == '"') quoted = !quoted;
                i++;
            }
            out.add(new Token(text.substring(start, i), start));
        }
        return out;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /**
     * get_option() (lib/cmdline.c): an optional leading '-' (a '+' is not accepted: it is
     * handed to simple_strtoull, which parses no digit, so the option is invalid), then
     * simple_strtoull base 0 (_parse_integer_fixup_radix: "0x" followed by a hex digit is hex,
     * any other leading '0' octal). It stops at the first non-digit, so "1abc" yields 1.
     * Returns null when nothing parses.
     */
    public static Integer getOption(String s) {
        if (s.isEmpty()) return null;
        int i = 0;
        boolean neg = false;
        if (s.charAt(0) == '-') {
            neg = true;
            i = 1;
        }
        int radix = 10;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            if (s.length() > i + 2 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            } else {
                radix = 8;
            }
        } else if (s.length() > i && s.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        long v = 0;
        while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0) {
            v = v * radix + Character.digit(s.charAt(i), radix);
            if (v > Integer.MAX_VALUE) v = Integer.MAX_VALUE;
            i++;
        }
        if (i == start) return null;
        return (int) (neg ? -v : v);
    }

    /**
     * Every CPU list that names a CPU the machine of {@code cpus} CPUs does not have, and, when
     * all are in range, whether the line leaves no CPU for housekeeping (the kernel would keep
     * the boot CPU anyway).
     *
     * @return problems with offsets into the line, empty when all is well
     */
    public List<BootParamException> checkAgainst(int cpus) {
        List<BootParamException> out = new ArrayList<>();
        long machine = CpuMask.firstN(cpus);
        for (PlacedList l : lists) {
            if (CpuMask.max(l.mask) >= cpus) {
                int bad = Long.numberOfTrailingZeros(l.mask & ~machine);
                out.add(new BootParamException(l.param + "=" + CpuMask.format(l.mask) + " names CPU " + bad
                        + ", but the machine has " + cpus + " CPU" + (cpus == 1 ? "" : "s") + " (0-" + (cpus - 1) + ")",
                        l.offset));
            }
        }
        if (out.isEmpty() && !lists.isEmpty() && isolatedMask() == machine) {
            int at = lists.stream().filter(l -> !l.param.equals("rcu_nocbs")).findFirst().map(PlacedList::offset).orElse(0);
            out.add(new BootParamException("isolates every CPU: leave at least one housekeeping CPU"
                    + " (the kernel would keep the boot CPU anyway)", at));
        }
        return out;
    }

    public String text() {
        return text;
    }

    /** @return the raw value of the last {@code qpw=}, or null when there is none. */
    public String qpw() {
        return qpw;
    }

    public long nohzFull() {
        return nohzFull;
    }

    public long isolcpus() {
        return isolcpus;
    }

    public Set<IsolFlag> isolcpusFlags() {
        return isolcpusFlags;
    }

    public long rcuNocbs() {
        return rcuNocbs;
    }

    /** @return true for a bare {@code rcu_nocbs} (or {@code rcu_nocbs=}): every CPU offloaded. */
    public boolean rcuNocbsAll() {
        return rcuNocbsAll;
    }

    /** The CPU lists in the order written. */
    public List<PlacedList> lists() {
        return lists;
    }

    /**
     * CPUs that {@code cpu_is_isolated()} reports: nohz_full CPUs, and isolcpus CPUs unless the
     * only flag is managed_irq (which keeps managed interrupts off them and nothing else).
     */
    public long isolatedMask() {
        boolean isolcpusIsolates = isolcpusFlags.isEmpty() || isolcpusFlags.contains(IsolFlag.NOHZ)
                || isolcpusFlags.contains(IsolFlag.DOMAIN);
        return isolcpusIsolates ? nohzFull | isolcpus : nohzFull;
    }

    /** CPUs with kernel-noise isolation ({@code HK_TYPE_KERNEL_NOISE}): nohz_full= and isolcpus=nohz,... */
    public long nohzMask() {
        return isolcpusFlags.contains(IsolFlag.NOHZ) ? nohzFull | isolcpus : nohzFull;
    }

    /**
     * {@code housekeeping_enabled(HK_TYPE_KERNEL_NOISE)}: set by nohz_full= or isolcpus=nohz,...
     * (not by plain isolcpus= or managed_irq). With no qpw= on the line, QPW v3 then enables
     * qpw=1 by itself.
     */
    public boolean kernelNoiseIsolation() {
        return nohzMask() != 0;
    }

    /** @return which parameter set kernel-noise isolation: "nohz_full=" or "isolcpus=nohz"; null if none. */
    String noiseSource() {
        for (PlacedList l : lists) {
            if (l.param.equals("nohz_full")) return "nohz_full=";
            if (l.param.equals("isolcpus") && isolcpusFlags.contains(IsolFlag.NOHZ)) return "isolcpus=nohz";
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
