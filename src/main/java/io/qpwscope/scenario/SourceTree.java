package io.qpwscope.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON document read into a Jackson tree together with where each value and each field
 * name stood in the text, keyed by field path ({@code workloads[1].cpus}). Jackson's own tree
 * reader drops locations, so this walks the parser's tokens itself and reads
 * {@link JsonParser#currentTokenLocation()} for each.
 *
 * <p>Reading is strict: malformed JSON, trailing content after the root value, duplicate
 * field names and {@code null} anywhere are problems. Duplicates are found here rather than
 * with Jackson's STRICT_DUPLICATE_DETECTION so that every one is reported, each with where
 * the first one stood. A number written with a fraction or an
 * exponent but with an integral value ({@code 1.0}, {@code 2e3}) becomes an integer node, as
 * JSON Schema's {@code integer} type reads it; other fractions stay floating point.
 */
final class SourceTree {
    /** A place in the text: 1-based line and column, 0-based char offset. */
    record Spot(int line, int column, long offset) {
        static final Spot START = new Spot(1, 1, 0);

        static Spot of(JsonLocation l) {
            return l == null || l.getLineNr() < 1 ? START : new Spot(l.getLineNr(), Math.max(1, l.getColumnNr()), l.getCharOffset());
        }
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SOURCE_REF = Pattern.compile("\\s*\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");
    /** Integers wider than this many digits are out of range for every field; kept as decimals. */
    private static final int MAX_INTEGRAL_DIGITS = 40;

    final String text;
    final JsonNode root;
    private final Map<String, Spot> values;
    private final Map<String, Spot> names;

    private SourceTree(String text, JsonNode root, Map<String, Spot> values, Map<String, Spot> names) {
        this.text = text;
        this.root = root;
        this.values = values;
        this.names = names;
    }

    /**
     * @param problems receives every duplicate key and null; on malformed JSON it receives the
     *                 one parse error and the method returns null
     * @return the tree, or null when the text is not JSON
     */
    static SourceTree read(String text, List<Problem> problems, String file) {
        Reader r = new Reader(text, file, problems);
        try (JsonParser p = FACTORY.createParser(text)) {
            r.p = p;
            if (p.nextToken() == null) {
                problems.add(new Problem(file, 1, 1, Problem.ROOT, "empty file: expected a JSON object"));
                return null;
            }
            JsonNode root = r.value("");
            r.at = "";
            r.afterRoot = true;
            JsonToken extra = p.nextToken();
            if (extra != null) {
                Spot s = Spot.of(p.currentTokenLocation());
                problems.add(new Problem(file, s.line, s.column, Problem.ROOT,
                        "unexpected " + describe(extra) + " after the end of the document"));
            }
            return new SourceTree(text, root, r.values, r.names);
        } catch (JsonProcessingException e) {
            Spot s = Spot.of(e.getLocation() != null ? e.getLocation() : r.p == null ? null : r.p.currentLocation());
            String what = r.afterRoot ? "unexpected content after the end of the document: " : "malformed JSON: ";
            problems.add(new Problem(file, s.line, s.column, JsonPath.shown(r.at), what + clean(e.getOriginalMessage())));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(file, 1, 1, Problem.ROOT, "cannot read: " + e.getMessage()));
            return null;
        }
    }

    /** Turns Jackson's "[Source: ...; line: 3, column: 5]" into "line 3, column 5" and drops stray detail. */
    static String clean(String jacksonMessage) {
        String m = SOURCE_REF.matcher(jacksonMessage).replaceAll(" (line $1, column $2)");
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "'{'";
            case START_ARRAY -> "'['";
            case END_OBJECT -> "'}'";
            case END_ARRAY -> "']'";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> "content";
        };
    }

    /** Walks tokens; {@link #at} is the path being read, for parse errors. */
    private static final class Reader {
        final String text;
        final String file;
        final List<Problem> problems;
        final Map<String, Spot> values = new HashMap<>();
        final Map<String, Spot> names = new HashMap<>();
        JsonParser p;
        String at = "";
        boolean afterRoot;

        Reader(String text, String file, List<Problem> problems) {
            this.text = text;
            this.file = file;
            this.problems = problems;
        }

        /** Reads the value at the current token. */
        JsonNode value(String path) throws IOException {
            at = path;
            Spot spot = Spot.of(p.currentTokenLocation());
            values.putIfAbsent(path, spot);
            return switch (p.currentToken()) {
                case START_OBJECT -> object(path);
                case START_ARRAY -> array(path);
                case VALUE_STRING -> NODES.textNode(p.getText());
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NUMBER_INT -> integral(p.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT -> {
                    try {
                        yield decimal(p.getDecimalValue());
                    } catch (NumberFormatException e) {
                        // BigDecimal's exponent is an int: 1E9999999999 has no value at all
                        problems.add(new Problem(file, spot.line, spot.column, JsonPath.shown(path),
                                "number " + p.getText() + " is out of range"));
                        yield NODES.nullNode();
                    }
                }
                case VALUE_NULL -> {
                    problems.add(new Problem(file, spot.line, spot.column, JsonPath.shown(path),
                            "null is not allowed: omit an optional field to get its default"));
                    yield NODES.nullNode();
                }
                default -> throw new IllegalStateException("token " + p.currentToken());
            };
        }

        private ObjectNode object(String path) throws IOException {
            ObjectNode obj = NODES.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String child = JsonPath.field(path, name);
                Spot nameSpot = Spot.of(p.currentTokenLocation());
                at = child;
                p.nextToken();
                if (obj.has(name)) {
                    Spot first = names.get(child);
                    problems.add(new Problem(file, nameSpot.line, nameSpot.column, JsonPath.shown(child),
                            "duplicate field \"" + name + "\" (first given at line " + first.line + ", column " + first.column + ")"));
                    p.skipChildren();
                    continue;
                }
                names.put(child, nameSpot);
                obj.set(name, value(child));
                at = path;
            }
            return obj;
        }

        private ArrayNode array(String path) throws IOException {
            ArrayNode arr = NODES.arrayNode();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                arr.add(value(JsonPath.index(path, i++)));
                at = path;
            }
            return arr;
        }

        private static JsonNode integral(BigInteger v) {
            if (v.bitLength() < 32) return NODES.numberNode(v.intValue());
            if (v.bitLength() < 64) return NODES.numberNode(v.longValue());
            return NODES.numberNode(v);
        }

        private static JsonNode decimal(BigDecimal v) {
            BigDecimal s = v.stripTrailingZeros();
            if (s.scale() <= 0 && s.precision() - s.scale() <= MAX_INTEGRAL_DIGITS) {
                return integral(s.toBigIntegerExact());
            }
            return NODES.numberNode(v);
        }
    }

    /** @return where the value at {@code path} starts, or its nearest ancestor's when the path is absent (defaulted). */
    Spot valueSpot(String path) {
        for (String p = path; p != null; p = JsonPath.parent(p)) {
            Spot s = values.get(p);
            if (s != null) return s;
        }
        return Spot.START;
    }

    /** @return where the field name of {@code path} stands, falling back to {@link #valueSpot}. */
    Spot nameSpot(String path) {
        Spot s = names.get(path);
        return s != null ? s : valueSpot(path);
    }

    /** @return true when the text has a value at exactly this path (not a default). */
    boolean present(String path) {
        return values.containsKey(path);
    }

    /**
     * @return the spot of character {@code offset} inside the string value at {@code path}, when
     *         that string is written without escapes (so text columns match string offsets);
     *         otherwise the start of the value
     */
    Spot insideString(String path, String value, int offset) {
        Spot s = values.get(path);
        if (s == null) return valueSpot(path);
        long start = s.offset + 1;
        if (start + value.length() <= text.length() && text.startsWith(value, (int) start)
                && offset >= 0 && offset <= value.length()) {
            return new Spot(s.line, s.column + 1 + offset, start + offset);
        }
        return s;
    }
}
