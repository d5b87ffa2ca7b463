package io.jetring.rpc;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jetring.json.JsonMapping;
import java.io.IOException;
import java.util.Objects;

/**
 * JSON payloads for a class or record, with Jackson: {@code JsonCodec.of(Question.class)}. The default
 * mapper is {@code JsonMapping.defaults()} (module {@code json}), the one the server and the HTTP client
 * use too; it ignores unknown properties, so that either side of a connection can add a field first.
 * Decoding failures name the type and the position, never the input or Jackson's internals, because
 * a handler answers them to the peer ({@code bad request: …}).
 *
 * @param <T> the type of the values
 */
public final class JsonCodec<T> implements Codec<T> {
    /** The configuration the server side and the HTTP client use too. */
    private static final ObjectMapper DEFAULT_MAPPER = JsonMapping.defaults().mapper();

    private final Class<T> type;
    private final ObjectMapper mapper;

    private JsonCodec(Class<T> type, ObjectMapper mapper) {
        this.type = Objects.requireNonNull(type, "type");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** JSON for {@code type} with the default mapper. */
    public static <T> JsonCodec<T> of(Class<T> type) {
        return new JsonCodec<>(type, DEFAULT_MAPPER);
    }

    /** JSON for {@code type} with this mapper (modules, naming strategies, …). */
    public static <T> JsonCodec<T> of(Class<T> type, ObjectMapper mapper) {
        return new JsonCodec<>(type, mapper);
    }

    @Override
    public byte[] encode(T value) {
        Objects.requireNonNull(value, "value");
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new CodecException("JSON: cannot write a " + type.getSimpleName(), e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        T value;
        try {
            value = mapper.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new CodecException("JSON: not a " + type.getSimpleName() + where, e);
        } catch (IOException e) {
            throw new CodecException("JSON: not a " + type.getSimpleName(), e);
        }
        if (value == null) {
            throw new CodecException("JSON: null (expected: a " + type.getSimpleName() + ")");
        }
        return value;
    }

    @Override
    public String toString() {
        return "JsonCodec[" + type.getSimpleName() + "]";
    }
}
