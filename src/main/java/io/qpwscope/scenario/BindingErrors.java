package io.qpwscope.scenario;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.List;

/**
 * Turns a Jackson binding failure into a {@link Problem}: the path comes from
 * {@link JsonMappingException#getPath()}, the line and column from where that path's value
 * stood in the text (binding runs over the tree, whose own locations are empty), and the
 * message says what the field wants and what it got.
 */
final class BindingErrors {
    private BindingErrors() {}

    static Problem toProblem(JsonMappingException e, SourceTree tree, String file) {
        String path = path(e.getPath());
        JsonNode node = nodeAt(tree.root, e.getPath());
        SourceTree.Spot spot = e instanceof UnrecognizedPropertyException ? tree.nameSpot(path) : tree.valueSpot(path);
        return new Problem(file, spot.line(), spot.column(), JsonPath.shown(path), message(e, node));
    }

    static String path(List<JsonMappingException.Reference> refs) {
        String p = "";
        for (JsonMappingException.Reference r : refs) {
            p = r.getFieldName() != null ? JsonPath.field(p, r.getFieldName()) : JsonPath.index(p, r.getIndex());
        }
        return p;
    }

    private static JsonNode nodeAt(JsonNode root, List<JsonMappingException.Reference> refs) {
        JsonNode n = root;
        for (JsonMappingException.Reference r : refs) {
            if (n == null) return null;
            n = r.getFieldName() != null ? n.get(r.getFieldName()) : n.get(r.getIndex());
        }
        return n;
    }

    private static String message(JsonMappingException e, JsonNode node) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field \"" + u.getPropertyName() + "\"";
        }
        if (e instanceof InvalidNullException) {
            return "null is not allowed";
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType()
                : e.getCause() instanceof InputCoercionException ic ? ic.getTargetType() : null;
        if (target != null && node != null) {
            if (node.isNumber() && integral(node) && (isInt(target) || isLong(target))) {
                long max = isInt(target) ? Integer.MAX_VALUE : Long.MAX_VALUE;
                String v = node.decimalValue().toPlainString();
                return (v.length() > 25 ? "the number" : v) + " is out of range (at most " + max + ")";
            }
            return "expected " + wanted(target) + ", got " + got(node);
        }
        return SourceTree.clean(e.getOriginalMessage());
    }

    private static boolean integral(JsonNode n) {
        // SourceTree keeps only huge integral values (over 40 digits) as decimals
        return n.isIntegralNumber() || (n.isBigDecimal() && n.decimalValue().stripTrailingZeros().scale() <= 0);
    }

    private static boolean isInt(Class<?> c) {
        return c == int.class || c == Integer.class;
    }

    private static boolean isLong(Class<?> c) {
        return c == long.class || c == Long.class;
    }

    private static String wanted(Class<?> c) {
        if (isInt(c) || isLong(c)) return "a whole number";
        if (c == boolean.class || c == Boolean.class) return "true or false";
        if (c == String.class) return "a string";
        if (Collection.class.isAssignableFrom(c)) return "an array";
        if (c.isRecord()) return "an object";
        return c.getSimpleName();
    }

    private static String got(JsonNode n) {
        if (n.isTextual()) return "the string \"" + n.asText() + "\"";
        if (n.isBoolean()) return n.asText();
        if (n.isNumber()) return "the number " + n.asText();
        if (n.isArray()) return "an array";
        if (n.isObject()) return "an object";
        return n.getNodeType().toString().toLowerCase();
    }
}
