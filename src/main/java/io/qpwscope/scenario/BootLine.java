package io.qpwscope.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a kernel command line that matter to QPW, parsed the way the kernel does.
 *
 * <ul>
 *   <li>{@code qpw=X}: kept raw (the last one wins, as with any {@code __setup} parameter). An
 *       unparsable value is not an error here: the kernel logs "QPW: invalid qpw parameter"
 *       and ignores it, and the engine reproduces that.</li>
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
 * list given twice is an error: in a scenario file they are typos that would silently change
 * which CPUs are isolated.
 */
public final class BootLine {
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

    public static final BootLine EMPTY = parse("");

    private final String text;
    private final String qpw;
    private final CpuList nohzFull;
    private final CpuList isolcpus;
    private final Set<IsolFlag> isolcpusFlags;
    private final CpuList rcuNocbs;
    private final boolean rcuNocbsAll;
    /** Each CPU list with the offset of its first character, for range checks with a column. */
    private final List<PlacedList> lists;

    private record PlacedList(String param, CpuList cpus, int offset) {}

    private BootLine(String text, String qpw, CpuList nohzFull, CpuList isolcpus, Set<IsolFlag> isolcpusFlags,
                     CpuList rcuNocbs, boolean rcuNocbsAll, List<PlacedList> lists) {
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
     * @throws ValueSyntaxException for a malformed list, an unknown isolcpus flag or a list
     *                              parameter given twice; its offset points into {@code text}
     */
    public static BootLine parse(String text) {
        String qpw = null;
        CpuList nohz = null;
        CpuList isol = null;
        Set<IsolFlag> flags = EnumSet.noneOf(IsolFlag.class);
        CpuList nocbs = null;
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
                    if (value == null) throw new ValueSyntaxException("isolcpus needs a CPU list: isolcpus=[flags,]LIST", t.offset);
                    int at = 0;
                    while (at < value.length() && Character.isLetter(value.charAt(at))) {
                        int comma = value.indexOf(',', at);
                        String word = value.substring(at, comma < 0 ? value.length() : comma);
                        IsolFlag f = IsolFlag.of(word);
                        if (f == null) {
                            throw new ValueSyntaxException("unknown isolcpus flag '" + word
                                    + "' (known: nohz, domain, managed_irq; the kernel would skip it)", valueAt + at);
                        }
                        if (comma < 0) {
                            throw new ValueSyntaxException("isolcpus flag '" + word + "' must be followed by ,LIST", valueAt + at);
                        }
                        flags.add(f);
                        at = comma + 1;
                    }
                    isol = list(key, value.substring(at), valueAt + at, t.offset, lists);
                }
                case "rcu_nocbs" -> {
                    requireOnce(nocbs, key, t.offset);
                    if (value == null || value.isEmpty()) {
                        nocbs = CpuList.EMPTY;
                        nocbsAll = true;
                    } else {
                        nocbs = list(key, value, valueAt, t.offset, lists);
                    }
                }
                default -> { }
            }
        }
        return new BootLine(text, qpw, nohz == null ? CpuList.EMPTY : nohz, isol == null ? CpuList.EMPTY : isol,
                Collections.unmodifiableSet(flags), nocbs == null ? CpuList.EMPTY : nocbs, nocbsAll, List.copyOf(lists));
    }

    private static void requireOnce(CpuList seen, String key, int offset) {
        if (seen != null) throw new ValueSyntaxException(key + "= is given twice", offset);
    }

    private static CpuList list(String key, String value, int valueAt, int tokenAt, List<PlacedList> lists) {
        if (value == null) throw new ValueSyntaxException(key + " needs a CPU list: " + key + "=LIST", tokenAt);
        try {
            CpuList cpus = CpuList.parse(value);
            lists.add(new PlacedList(key, cpus, valueAt));
            return cpus;
        } catch (ValueSyntaxException e) {
            throw new ValueSyntaxException(key + "=: " + e.getMessage(), valueAt + e.offset());
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
     * Checks every CPU list against a machine of {@code cpus} CPUs, and that at least one CPU
     * is left for housekeeping (the kernel would otherwise silently keep the boot CPU).
     *
     * @return problems with offsets into the boot line, empty when all is well
     */
    public List<ValueSyntaxException> checkAgainst(int cpus) {
        List<ValueSyntaxException> out = new ArrayList<>();
        for (PlacedList l : lists) {
            if (l.cpus.max() >= cpus) {
                int bad = l.cpus.minus(CpuList.firstN(cpus)).stream().findFirst().orElseThrow();
                out.add(new ValueSyntaxException(l.param + "=" + l.cpus + " names CPU " + bad
                        + ", but the machine has " + cpus + " CPU" + (cpus == 1 ? "" : "s") + " (0-" + (cpus - 1) + ")",
                        l.offset));
            }
        }
        if (out.isEmpty() && !lists.isEmpty() && isolated().equals(CpuList.firstN(cpus))) {
            int at = lists.stream().filter(l -> !l.param.equals("rcu_nocbs")).findFirst().map(PlacedList::offset).orElse(0);
            out.add(new ValueSyntaxException("isolates every CPU: leave at least one housekeeping CPU"
                    + " (the kernel would keep the boot CPU anyway)", at));
        }
        return out;
    }

    public String text() {
        return text;
    }

    /** @return the raw value of the last {@code qpw=}, if any (not checked: see the class comment). */
    public Optional<String> qpw() {
        return Optional.ofNullable(qpw);
    }

    public CpuList nohzFull() {
        return nohzFull;
    }

    public CpuList isolcpus() {
        return isolcpus;
    }

    public Set<IsolFlag> isolcpusFlags() {
        return isolcpusFlags;
    }

    /** @return the rcu_nocbs= list; see {@link #rcuNocbsAll()} for the bare form. */
    public CpuList rcuNocbs() {
        return rcuNocbs;
    }

    /** @return true for a bare {@code rcu_nocbs} (or {@code rcu_nocbs=}): every CPU offloaded. */
    public boolean rcuNocbsAll() {
        return rcuNocbsAll;
    }

    /**
     * CPUs that {@code cpu_is_isolated()} reports: nohz_full CPUs, and isolcpus CPUs unless the
     * only flag is managed_irq (which keeps managed interrupts off them and nothing else).
     */
    public CpuList isolated() {
        boolean isolcpusIsolates = isolcpusFlags.isEmpty() || isolcpusFlags.contains(IsolFlag.NOHZ)
                || isolcpusFlags.contains(IsolFlag.DOMAIN);
        return isolcpusIsolates ? nohzFull.union(isolcpus) : nohzFull;
    }

    /**
     * {@code housekeeping_enabled(HK_TYPE_KERNEL_NOISE)}: set by nohz_full= or isolcpus=nohz,...
     * (not by plain isolcpus= or managed_irq). With no qpw= on the line, QPW v3 then enables
     * qpw=1 by itself.
     */
    public boolean kernelNoiseIsolation() {
        return !nohzFull.isEmpty() || (isolcpusFlags.contains(IsolFlag.NOHZ) && !isolcpus.isEmpty());
    }

    @Override
    public String toString() {
        return text;
    }
}
