package io.qpwscope.sweep;

import java.util.List;

/**
 * What a sweep produced: the {@code sweep --json} object.
 *
 * @param scenario   the scenario's name
 * @param parameter  the path swept
 * @param values     the values, in order
 * @param durationNs the length of each run
 * @param cancelled  the sweep was stopped before its last run (rows holds the finished ones)
 * @param rows       per value, qpw=0 then qpw=1
 */
public record SweepResult(String scenario, String parameter, List<String> values, long durationNs, boolean cancelled,
                          List<SweepRow> rows) {
    public SweepResult {
        values = List.copyOf(values);
        rows = List.copyOf(rows);
    }
}
