package io.jetring.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jetring.api.BadRequestException;
import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Response;
import java.io.IOException;
import java.util.Objects;

/**
 * One Jackson configuration, used to read and write JSON. {@link #defaults()} is the configuration
 * the server side, the HTTP client ({@code As.json}, {@code ClientRequest.Builder.json}) and the RPC
 * {@code JsonCodec} use when given none: unknown properties are ignored, so either side of an API
 * can add a field first. A mapper of your own ({@link #of}) is handed to all three the same way.
 *
 * <p>Reading fails with a {@link BadRequestException} that says where the JSON broke (line, column
 * and the path into the value) and what was expected, but never echoes the input.
 */
public final class JsonMapping {
    private static final JsonMapping DEFAULTS = new JsonMapping(JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build());

    /** The media type of the responses written here. */
    public static final String CONTENT_TYPE = "application/json";

    private final ObjectMapper mapper;

    private JsonMapping(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The shared default configuration: Jackson's defaults, with unknown properties ignored. */
    public static JsonMapping defaults() {
        return DEFAULTS;
    }

    /** A configuration of your own (modules, naming strategies, …). */
    public static JsonMapping of(ObjectMapper mapper) {
        return new JsonMapping(mapper);
    }

    /** The mapper; configure it before first use, as Jackson requires. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** {@code value} as JSON bytes; a value Jackson cannot write is a programming error ({@link IllegalArgumentException}). */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("json: cannot write a "
                    + (value == null ? "null" : value.getClass().getName()) + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A response of this status with {@code value} as JSON. */
    public Response response(int status, Object value) {
        return Response.of(status, Headers.of("Content-Type", CONTENT_TYPE), Body.of(write(value)));
    }

    /**
     * {@code bytes} read as {@code type}; a 400 ({@link BadRequestException}) names where it broke:
     * {@code json: Unexpected character ('}' …) at line 1, column 12 (expected: a Order)}.
     */
    public <T> T read(byte[] bytes, JavaType type) {
        if (bytes.length == 0) {
            throw new BadRequestException("json: empty body (expected: " + describe(type) + ")");
        }
        T value;
        try {
            value = mapper.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("json: " + where(e) + " (expected: " + describe(type) + ")", e);
        } catch (IOException e) {
            throw new BadRequestException("json: unreadable (expected: " + describe(type) + ")", e);
        }
        if (value == null) {
            throw new BadRequestException("json: null (expected: " + describe(type) + ")");
        }
        return value;
    }

    /** {@code bytes} read as {@code type}. */
    public <T> T read(byte[] bytes, Class<T> type) {
        return read(bytes, mapper.constructType(type));
    }

    /** {@code bytes} read as a tree. */
    public JsonNode readTree(byte[] bytes) {
        return read(bytes, mapper.constructType(JsonNode.class));
    }

    /** What went wrong and where, from Jackson's exception: its own first line, the location and the path. */
    static String where(JsonProcessingException e) {
        String reason = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage();
        int newline = reason.indexOf('\n');
        reason = newline < 0 ? reason : reason.substring(0, newline);
        if (reason.length() > 200) {
            reason = reason.substring(0, 200) + "…";
        }
        StringBuilder sb = new StringBuilder(reason);
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            sb.append(" at line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            sb.append(", at ").append(path(mapping));
        }
        return sb.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(JavaType type) {
        if (type.isTypeOrSubTypeOf(JsonNode.class)) {
            return "a JSON value";
        }
        return "a " + type.getRawClass().getSimpleName();
    }

    @Override
    public String toString() {
        return this == DEFAULTS ? "JsonMapping.defaults()" : "JsonMapping.of(" + mapper + ")";
    }
}
