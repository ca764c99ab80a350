package io.qpwscope.ftrace.tracedat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event's layout, read from its {@code format} text as saved in the trace.dat (the same text as
 * {@code /sys/kernel/tracing/events/SYSTEM/EVENT/format}): name, numeric ID and fields.
 *
 * @param system the event system ({@code sched}; {@code ftrace} for the ftrace section)
 * @param name   the event name ({@code sched_switch})
 * @param id     the value of {@code common_type} in records of this event
 * @param fields by name
 */
public record EventFormat(String system, String name, int id, Map<String, FormatField> fields) {
    private static final Pattern NAME = Pattern.compile("(?m)^name: *(\\S+)\\s*$");
    private static final Pattern ID = Pattern.compile("(?m)^ID: *(\\d{1,9})\\s*$");
    private static final Pattern FIELD = Pattern.compile(
            "(?m)^\\s*field:(?<decl>[^;]*);\\s*offset:(?<off>\\d{1,9});\\s*size:(?<size>\\d{1,9});(?:\\s*signed:(?<signed>\\d);)?");
    private static final Pattern DECL = Pattern.compile("^(?<type>.*?)\\s*\\b(?<name>\\w+)\\s*(?<array>\\[[^]]*])?\\s*$");

    public FormatField field(String name) {
        return fields.get(name);
    }

    /**
     * @throws IllegalArgumentException with a one-line reason if the text has no name or ID
     */
    static EventFormat parse(String system, String text) {
        Matcher n = NAME.matcher(text);
        Matcher i = ID.matcher(text);
        if (!n.find()) throw new IllegalArgumentException("an event format without a \"name:\" line");
        if (!i.find()) throw new IllegalArgumentException("event format " + n.group(1) + " has no \"ID:\" line");
        return new EventFormat(system, n.group(1), Integer.parseInt(i.group(1)), fields(text));
    }

    /** The {@code field:} lines of a format text (also of {@code header_page}). */
    static Map<String, FormatField> fields(String text) {
        Map<String, FormatField> fields = new LinkedHashMap<>();
        Matcher f = FIELD.matcher(text);
        while (f.find()) {
            Matcher d = DECL.matcher(f.group("decl").strip());
            if (!d.matches()) continue;
            String type = d.group("type").strip();
            String name = d.group("name");
            int offset = Integer.parseInt(f.group("off"));
            int size = Integer.parseInt(f.group("size"));
            boolean signed = "1".equals(f.group("signed"));
            FormatField.Kind kind;
            if (type.startsWith("__data_loc")) kind = FormatField.Kind.DATA_LOC;
            else if (type.startsWith("__rel_loc")) kind = FormatField.Kind.REL_LOC;
            else if (d.group("array") != null) kind = type.endsWith("char") ? FormatField.Kind.CHARS : FormatField.Kind.OTHER;
            else kind = size == 1 || size == 2 || size == 4 || size == 8 ? FormatField.Kind.NUMBER : FormatField.Kind.OTHER;
            fields.putIfAbsent(name, new FormatField(type, name, offset, size, signed, kind));
        }
        return Map.copyOf(fields);
    }
}
