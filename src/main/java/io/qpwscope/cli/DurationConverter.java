package io.qpwscope.cli;

import picocli.CommandLine;

/** "2s", "500ms", "250us", "1m", "1500" (ms) -> nanoseconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String v = value.trim().toLowerCase();
        long mult;
        String num;
        if (v.endsWith("ns")) { mult = 1; num = v.substring(0, v.length() - 2); }
        else if (v.endsWith("us")) { mult = 1_000; num = v.substring(0, v.length() - 2); }
        else if (v.endsWith("ms")) { mult = 1_000_000; num = v.substring(0, v.length() - 2); }
        else if (v.endsWith("s")) { mult = 1_000_000_000; num = v.substring(0, v.length() - 1); }
        else if (v.endsWith("m")) { mult = 60_000_000_000L; num = v.substring(0, v.length() - 1); }
        else { mult = 1_000_000; num = v; }
        double d;
        try {
            d = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (try 2s, 500ms, 1m)");
        }
        if (!(d > 0) || d * mult > 3_600_000_000_000L) {
            throw new CommandLine.TypeConversionException("duration '" + value + "' must be > 0 and at most 1 hour");
        }
        return Math.round(d * mult);
    }
}
