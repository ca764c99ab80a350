package io.qpwscope.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads scenario JSON strictly and completely, or not at all.
 *
 * <ol>
 *   <li>{@link SourceTree}: the text into a tree, remembering each value's line and column;
 *       malformed JSON, trailing content, duplicate fields and nulls are problems.</li>
 *   <li>{@link ScenarioFields}: unknown and missing fields (all of them), defaults filled in
 *       for omitted optional fields.</li>
 *   <li>Jackson binding into {@link Scenario} with no leniency: unknown properties, nulls for
 *       primitives, strings for numbers or booleans, numbers for strings or booleans, fractions
 *       for integers and empty strings for objects all fail. The first such failure is
 *       reported at its field path and the line and column where its value stood.</li>
 *   <li>{@link ScenarioValidator}: ranges, cpulists, overlaps and cross-field rules; every
 *       problem is collected.</li>
 * </ol>
 *
 * <p>Any problem ends in a {@link ScenarioException} listing them all in file order. A
 * loader is immutable and safe to share between threads.
 */
public final class ScenarioLoader {
    /** Where the shipped scenarios live on the classpath (the jar carries {@code scenarios/}). */
    public static final String BUNDLED_DIR = "/scenarios/";
    /** The scenario the GUI opens first: the seed mail's reproducer. */
    public static final String DEFAULT_SCENARIO = "isolated-rt-flushbufs.json";

    private final ObjectMapper mapper = strictMapper();

    /** The mapper the loader binds with; exposed for tests and for {@link #toJson}. */
    static ObjectMapper strictMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Collection, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.POJO, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .build();
    }

    /**
     * Reads and checks a scenario file.
     *
     * @throws IOException       the file cannot be read (missing, a directory, no permission)
     * @throws ScenarioException the content is not a valid scenario; problems name
     *                           {@code file.toString()}
     */
    public Scenario load(Path file) throws IOException, ScenarioException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(decodeUtf8(bytes, file.toString()), file.toString());
    }

    /**
     * Reads and checks scenario JSON.
     *
     * @param sourceName names the text in problems (a file name, "clipboard", ...)
     * @return the scenario with every default applied and unmodifiable lists
     * @throws ScenarioException listing every problem found, in file order
     */
    public Scenario parse(String json, String sourceName) throws ScenarioException {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(sourceName, "sourceName");
        List<Problem> problems = new ArrayList<>();
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        SourceTree tree = SourceTree.read(text, problems, sourceName);
        if (tree == null) throw new ScenarioException(problems);
        new ScenarioFields(mapper, tree, sourceName, problems).apply();
        if (!problems.isEmpty()) throw new ScenarioException(problems);
        Scenario bound;
        try {
            bound = mapper.treeToValue(tree.root, Scenario.class);
        } catch (JsonMappingException e) {
            problems.add(BindingErrors.toProblem(e, tree, sourceName));
            throw new ScenarioException(problems);
        } catch (JsonProcessingException e) {
            problems.add(new Problem(sourceName, 1, 1, Problem.ROOT, SourceTree.clean(e.getOriginalMessage())));
            throw new ScenarioException(problems);
        }
        // validate what the file says: withDefaults() would turn a written 0 into a default
        new ScenarioValidator(tree, sourceName, problems).check(bound);
        if (!problems.isEmpty()) throw new ScenarioException(problems);
        return bound.withDefaults();
    }

    /**
     * Reads one of the scenarios shipped in the jar, by file name.
     *
     * @throws IOException       no such bundled scenario
     * @throws ScenarioException never for a shipped file (tests load them all)
     */
    public Scenario loadBundled(String fileName) throws IOException, ScenarioException {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(BUNDLED_DIR + fileName)) {
            if (in == null) throw new IOException("no bundled scenario " + fileName);
            return parse(decodeUtf8(in.readAllBytes(), fileName), fileName);
        }
    }

    /** @return the GUI's default scenario, {@value #DEFAULT_SCENARIO}. */
    public Scenario loadDefault() {
        try {
            return loadBundled(DEFAULT_SCENARIO);
        } catch (IOException e) {
            throw new UncheckedIOException("the jar lacks " + DEFAULT_SCENARIO, e);
        } catch (ScenarioException e) {
            throw new IllegalStateException("the bundled default scenario is invalid:\n" + e.getMessage(), e);
        }
    }

    /**
     * Writes a scenario as JSON that {@link #parse} reads back to an equal scenario (every
     * field written, defaults included), e.g. to embed it in a recording.
     */
    public String toJson(Scenario scenario) {
        ObjectNode tree = mapper.valueToTree(scenario);
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scenario always serialises", e);
        }
    }

    /** Decodes strictly: a byte that is not UTF-8 is a problem placed at its line and column. */
    private static String decodeUtf8(byte[] bytes, String file) throws ScenarioException {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            out.flip();
            String before = out.toString();
            int line = 1 + (int) before.chars().filter(ch -> ch == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw new ScenarioException(List.of(new Problem(file, line, column, Problem.ROOT,
                    String.format("not UTF-8 text: byte 0x%02X at offset %d", bytes[in.position()] & 0xff, in.position()))));
        }
        dec.flush(out);
        out.flip();
        return out.toString();
    }
}
