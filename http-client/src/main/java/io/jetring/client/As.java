package io.jetring.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jetring.api.DataSize;
import io.jetring.client.internal.Decoders;
import io.jetring.client.internal.PublisherInputStream;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * How the client hands over a response body: jet's {@code :as}. Three closed variants:
 * <ul>
 *   <li>{@link Aggregated}: the body is read into memory under a size limit, then decoded (bytes,
 *       string, JSON); the stage completes when the whole body has arrived;</li>
 *   <li>{@link Streamed}: the stage completes as soon as the headers arrive, and the body is a
 *       backpressured {@link Flow.Publisher} (or a blocking {@link InputStream} over one) that the
 *       caller must read to the end or cancel (close): an unread body holds its connection;</li>
 *   <li>{@link Discarded}: the body is read and dropped; only status and headers matter.</li>
 * </ul>
 *
 * @param <T> the type of {@link ClientResponse#body()}
 */
public sealed interface As<T> permits As.Aggregated, As.Streamed, As.Discarded {

    /** The body as bytes. */
    static Aggregated<byte[]> bytes() {
        return new Aggregated<>("bytes", ClientResponse::body, Optional.empty());
    }

    /** The body as text, in the charset of its {@code Content-Type}, UTF-8 if it names none. */
    static Aggregated<String> string() {
        return new Aggregated<>("string", Decoders::string, Optional.empty());
    }

    /** The body as a Jackson tree; an empty body gives a {@code MissingNode}. */
    static Aggregated<JsonNode> json() {
        return new Aggregated<>("JSON", response -> Decoders.jsonTree(response, Decoders.MAPPER), Optional.empty());
    }

    /**
     * The body as JSON bound to {@code type} (a record, a class, an array such as {@code User[].class}).
     * Unknown properties are ignored, so a server may add fields without breaking clients.
     */
    static <T> Aggregated<T> json(Class<T> type) {
        return json(type, Decoders.MAPPER);
    }

    /** The body as JSON bound to {@code type}, read with {@code mapper} (for its modules and settings). */
    static <T> Aggregated<T> json(Class<T> type, ObjectMapper mapper) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mapper, "mapper");
        return new Aggregated<>("JSON for " + type.getTypeName(),
                response -> Decoders.json(response, mapper, mapper.constructType(type)), Optional.empty());
    }

    /** The body as JSON bound to a generic type: {@code As.json(new TypeReference<List<User>>() {})}. */
    static <T> Aggregated<T> json(TypeReference<T> type) {
        Objects.requireNonNull(type, "type");
        return new Aggregated<>("JSON for " + type.getType().getTypeName(),
                response -> Decoders.json(response, Decoders.MAPPER, Decoders.MAPPER.constructType(type)),
                Optional.empty());
    }

    /**
     * The body read into memory and decoded by {@code decoder}. A decoder that throws fails the stage
     * with a {@link ResponseDecodeException} that names {@code description}.
     */
    static <T> Aggregated<T> decoded(String description, Decoder<T> decoder) {
        return new Aggregated<>(description, decoder, Optional.empty());
    }

    /**
     * The body as a blocking stream: the stage completes when the headers arrive and reads block until
     * bytes do. Close the stream when done; closing it early aborts the exchange.
     */
    static Streamed<InputStream> inputStream() {
        return new Streamed<>(PublisherInputStream::new);
    }

    /**
     * The body as a backpressured publisher of chunks: the stage completes when the headers arrive,
     * bytes are read from the network only as the subscriber requests them, and cancelling the
     * subscription aborts the exchange. One subscriber only.
     */
    static Streamed<Flow.Publisher<byte[]>> publisher() {
        return new Streamed<>(Function.identity());
    }

    /** No body: it is read and dropped (keeping the connection reusable); the response body is {@code null}. */
    static Discarded discarding() {
        return Discarded.INSTANCE;
    }

    /**
     * Decodes a body that has been read into memory.
     *
     * @param <T> the decoded type
     */
    @FunctionalInterface
    interface Decoder<T> {
        /** Decodes {@code response.body()}; the status and headers are there to look at. */
        T decode(ClientResponse<byte[]> response) throws Exception;
    }

    /**
     * A body read into memory, then decoded.
     *
     * @param description what the body is decoded as, for error messages ({@code "JSON for User"})
     * @param decoder     turns the bytes into the value
     * @param limit       the most bytes read; empty means {@link ClientOptions#maxResponseBodySize()}
     * @param <T>         the decoded type
     */
    record Aggregated<T>(String description, Decoder<T> decoder, Optional<DataSize> limit) implements As<T> {
        /** Requires every field; a limit must fit in a Java array. */
        public Aggregated {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(decoder, "decoder");
            Objects.requireNonNull(limit, "limit");
            limit.ifPresent(ClientOptions::checkBodyLimit);
        }

        /** This way of reading with its own size limit, for the one call that needs a larger (or smaller) one. */
        public Aggregated<T> withLimit(DataSize limit) {
            return new Aggregated<>(description, decoder, Optional.of(limit));
        }
    }

    /**
     * A body handed over as it arrives.
     *
     * @param adapter turns the body's publisher into what the caller gets
     * @param <T>     what the caller gets
     */
    record Streamed<T>(Function<Flow.Publisher<byte[]>, T> adapter) implements As<T> {
        /** Requires the adapter. */
        public Streamed {
            Objects.requireNonNull(adapter, "adapter");
        }
    }

    /** A body that is read and dropped. Use {@link As#discarding()}. */
    record Discarded() implements As<Void> {
        private static final Discarded INSTANCE = new Discarded();
    }
}
