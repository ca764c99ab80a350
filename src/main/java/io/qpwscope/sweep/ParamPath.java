package io.qpwscope.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A field of the scenario JSON named as the loader's problems name it: {@code machine.cpus},
 * {@code triggers[0].everyMs}, {@code workloads[2].opsPerLoop}; or {@link SweepParameter#ISOLATED},
 * which rewrites the boot line's {@code nohz_full=} and {@code isolcpus=}. Setting a value
 * keeps the field's JSON type (a number stays a number) and fails, naming the path, when the
 * field does not exist or the value is not of its type.
 */
final class ParamPath {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)|\\[(\\d{1,6})]");
    private static final Pattern WHOLE =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*|\\[\\d{1,6}])*");

    private final String text;
    private final List<Object> segments; // String = field name, Integer = array index

    private ParamPath(String text, List<Object> segments) {
        this.text = text;
        this.segments = segments;
    }

    /** @throws SweepException naming the path when it is not {@code name(.name|[index])*} */
    static ParamPath parse(String text) throws SweepException {
        if (SweepParameter.ISOLATED.equals(text)) return new ParamPath(text, List.of());
        if (!WHOLE.matcher(text).matches()) {
            throw new SweepException("parameter path '" + text + "' is not like triggers[0].everyMs, machine.cpus or "
                    + SweepParameter.ISOLATED);
        }
        List<Object> segs = new ArrayList<>();
        Matcher m = SEGMENT.matcher(text);
        while (m.find()) segs.add(m.group(1) != null ? m.group(1) : (Object) Integer.parseInt(m.group(2)));
        return new ParamPath(text, List.copyOf(segs));
    }

    /** The current value in {@code root}, as text (the boot line's isolated CPUs for {@code isolated}). */
    String current(ObjectNode root) throws SweepException {
        if (segments.isEmpty()) return isolatedOf(root.path("kernel").path("boot").asText(""));
        JsonNode parent = leafParent(root);
        JsonNode n = last() instanceof String s ? parent.get(s) : parent.get((Integer) last());
        return n.isTextual() ? n.textValue() : n.toString();
    }

    /**
     * Sets the field to {@code value} in {@code root}.
     * @throws SweepException the path names no field here, or the value is not of the field's type
     */
    void set(ObjectNode root, String value) throws SweepException {
        if (segments.isEmpty()) {
            setIsolated(root, value);
            return;
        }
        JsonNode parent = leafParent(root);
        Object key = last();
        JsonNode old = key instanceof String s ? parent.get(s) : parent.get((Integer) key);
        JsonNode v = typed(old, value);
        if (parent instanceof ObjectNode o) o.set((String) key, v);
        else ((ArrayNode) parent).set((Integer) key, v);
    }

    private Object last() {
        return segments.getLast();
    }

    private JsonNode leafParent(ObjectNode root) throws SweepException {
        JsonNode node = root;
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            Object seg = segments.get(i);
            JsonNode next;
            if (seg instanceof String name) {
                if (!node.isObject()) throw new SweepException(text + ": " + shown(walked) + " is " + kind(node) + ", not an object with field '" + name + "'");
                next = node.get(name);
                if (next == null) {
                    throw new SweepException(text + ": " + shown(walked) + " has no field '" + name + "' (fields: " + fields(node) + ")");
                }
                if (!walked.isEmpty()) walked.append('.');
                walked.append(name);
            } else {
                int idx = (Integer) seg;
                if (!node.isArray()) throw new SweepException(text + ": " + shown(walked) + " is " + kind(node) + ", not a list");
                if (idx >= node.size()) {
                    throw new SweepException(text + ": " + shown(walked) + " has " + node.size() + " entr" + (node.size() == 1 ? "y" : "ies")
                            + ", no [" + idx + "]");
                }
                next = node.get(idx);
                walked.append('[').append(idx).append(']');
            }
            if (i == segments.size() - 1) {
                if (next.isContainerNode()) {
                    throw new SweepException(text + " is " + kind(next) + ": name one of its fields"
                            + (next.isObject() ? " (" + fields(next) + ")" : ""));
                }
                return node;
            }
            node = next;
        }
        throw new IllegalStateException("a parsed path has a segment");
    }

    private JsonNode typed(JsonNode old, String value) throws SweepException {
        if (old.isIntegralNumber()) {
            try {
                return LongNode.valueOf(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw new SweepException(text + "=" + value + ": '" + value + "' is not a whole number");
            }
        }
        if (old.isBoolean()) {
            if (value.equals("true") || value.equals("false")) return BooleanNode.valueOf(Boolean.parseBoolean(value));
            throw new SweepException(text + "=" + value + ": '" + value + "' is not true or false");
        }
        if (old.isTextual()) return TextNode.valueOf(value);
        throw new SweepException(text + " is " + kind(old) + ": only numbers, booleans and text can be swept");
    }

    /** Replaces nohz_full= and isolcpus= with {@code nohz_full=LIST isolcpus=nohz,domain,LIST} ("none": no isolation). */
    private static void setIsolated(ObjectNode root, String cpus) throws SweepException {
        if (!(root.get("kernel") instanceof ObjectNode kernel)) throw new SweepException("isolated: the scenario has no kernel object");
        StringBuilder boot = new StringBuilder();
        for (String tok : kernel.path("boot").asText("").trim().split("\\s+")) {
            if (tok.isEmpty() || tok.startsWith("nohz_full=") || tok.startsWith("isolcpus=")) continue;
            boot.append(tok).append(' ');
        }
        if (!cpus.equals("none")) boot.append("nohz_full=").append(cpus).append(" isolcpus=nohz,domain,").append(cpus);
        kernel.put("boot", boot.toString().trim());
    }

    /** The nohz_full= list of a boot line, else isolcpus='s CPU part, else "none". */
    static String isolatedOf(String boot) {
        String iso = "none";
        for (String tok : boot.trim().split("\\s+")) {
            if (tok.startsWith("nohz_full=")) return tok.substring("nohz_full=".length());
            if (tok.startsWith("isolcpus=")) {
                String v = tok.substring("isolcpus=".length());
                StringBuilder cpus = new StringBuilder();
                for (String part : v.split(",")) {
                    if (!part.isEmpty() && Character.isDigit(part.charAt(0))) cpus.append(cpus.isEmpty() ? "" : ",").append(part);
                }
                if (!cpus.isEmpty()) iso = cpus.toString();
            }
        }
        return iso;
    }

    private static String shown(StringBuilder walked) {
        return walked.isEmpty() ? "the scenario" : walked.toString();
    }

    private static String kind(JsonNode n) {
        if (n.isObject()) return "an object";
        if (n.isArray()) return "a list";
        if (n.isTextual()) return "text";
        if (n.isNumber()) return "a number";
        if (n.isBoolean()) return "a boolean";
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String fields(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) names.add(it.next());
        return String.join(", ", names);
    }

    @Override
    public String toString() {
        return text;
    }
}
