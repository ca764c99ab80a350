package io.qpwscope.recording;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qpwscope.trace.RecordingMeta;
import io.qpwscope.trace.TraceDescriptor;

import java.io.IOException;

/** {@link RecordingMeta} to and from the header's JSON. */
final class MetaJson {
    private MetaJson() {}

    /** Unknown fields are ignored so that a newer writer's extra metadata does not stop this reader. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    static byte[] write(RecordingMeta meta) {
        try {
            return MAPPER.writeValueAsBytes(meta);
        } catch (JacksonException e) {
            throw new IllegalStateException("RecordingMeta is not serialisable", e);
        }
    }

    static RecordingMeta read(byte[] json) throws RecordingFormatException {
        RecordingMeta meta;
        try {
            meta = MAPPER.readValue(json, RecordingMeta.class);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new RecordingFormatException("corrupt header: metadata is not valid JSON: " + m, e);
        }
        if (meta == null) throw new RecordingFormatException("corrupt header: metadata is null");
        if (meta.cpus() < 1 || meta.cpus() > TraceDescriptor.MAX_CPUS) {
            throw new RecordingFormatException("corrupt header: cpus " + meta.cpus() + " out of range 1.."
                    + TraceDescriptor.MAX_CPUS);
        }
        return meta;
    }
}
