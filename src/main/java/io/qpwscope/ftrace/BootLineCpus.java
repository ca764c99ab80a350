package io.qpwscope.ftrace;

/**
 * The isolated CPUs a traced kernel's command line names: {@code nohz_full=} CPUs, and
 * {@code isolcpus=} CPUs unless managed_irq is its only flag (as {@code cpu_is_isolated()} reports them).
 * Lenient: what does not read is ignored, since the boot line is only a default for {@code --isolated}.
 */
final class BootLineCpus {
    private BootLineCpus() {}

    /** @return bit n = CPU n (0..63) isolated */
    static long isolatedMask(String bootLine) {
        long mask = 0;
        for (String word : bootLine.trim().split("\\s+")) {
            if (word.startsWith("nohz_full=")) {
                mask |= list(word.substring(10), false);
            } else if (word.startsWith("isolcpus=")) {
                mask |= list(word.substring(9), true);
            }
        }
        return mask;
    }

    /** A CPU list such as {@code 1-3,5}; for isolcpus, flags such as {@code managed_irq,domain,} before it. */
    private static long list(String value, boolean isolcpus) {
        long mask = 0;
        boolean managedIrq = false, otherFlag = false;
        for (String part : value.split(",")) {
            if (part.isEmpty()) continue;
            if (!Character.isDigit(part.charAt(0))) {
                if (part.equals("managed_irq")) managedIrq = true;
                else otherFlag = true;
                continue;
            }
            int dash = part.indexOf('-');
            try {
                int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).split(":")[0]);
                for (int c = from; c <= to && c < 64; c++) mask |= 1L << c;
            } catch (NumberFormatException e) {
                // not a CPU range: ignored
            }
        }
        return isolcpus && managedIrq && !otherFlag ? 0 : mask;
    }
}
