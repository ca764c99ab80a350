package io.qpwscope.scenario;

import java.util.regex.Pattern;

/** Builds the field paths used in problems: {@code workloads[1].cpus}, root = "". */
final class JsonPath {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private JsonPath() {}

    static String field(String parent, String name) {
        if (!PLAIN.matcher(name).matches()) {
            return parent + "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        }
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** @return the path as shown to users: {@link Problem#ROOT} for the document itself. */
    static String shown(String path) {
        return path.isEmpty() ? Problem.ROOT : path;
    }

    /** @return the path one level up, or null at the root. */
    static String parent(String path) {
        if (path.isEmpty()) return null;
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        // a quoted name may contain '.' or '[': find the '[' that opens it
        if (path.endsWith("\"]")) cut = path.lastIndexOf("[\"", path.length() - 3);
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
