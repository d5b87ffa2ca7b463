package io.jetring.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.jetring.api.DataSize;
import io.jetring.api.JetringException;
import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * JSON on the server (Ring's {@code wrap-json-body} and {@code wrap-json-response}): read a request
 * body into a record or a tree, answer with JSON in one call.
 * <pre>{@code
 * record Order(String item, int quantity) {}
 * RingHandler create = request -> {
 *     Order order = Json.read(request, Order.class);
 *     return Json.response(201, new Receipt(order.item(), order.quantity()));
 * };
 * JetServer.run(create.wrap(Json.middleware()), options);
 * }</pre>
 *
 * <p>{@link #middleware()} answers {@code 406} to a request whose {@code Accept} admits no JSON
 * (an absent {@code Accept} admits anything), and {@code 415} when the handler reads a body whose
 * {@code Content-Type} is not JSON ({@code application/json} or any {@code +json} type). Reading JSON
 * that does not parse or bind is a {@code 400} naming where it broke, a body over the limit a
 * {@code 413}. {@link #read} blocks (sync handlers); {@link #readAsync} reads with
 * {@code body().bytes(limit)} and never blocks (async handlers).
 */
public final class Json {
    private static final String CONFIG = Json.class.getName();
    private static final String NAME = "Json.middleware()";

    private Json() {
    }

    /** The middleware with {@link JsonMapping#defaults()} and the server's body limit. */
    public static Middleware middleware() {
        return middleware(JsonMapping.defaults(), Optional.empty());
    }

    /** The middleware with this mapping and the server's body limit. */
    public static Middleware middleware(JsonMapping mapping) {
        return middleware(mapping, Optional.empty());
    }

    /** The middleware with this mapping and body limit (empty: the server's {@code maxBodySize}). */
    public static Middleware middleware(JsonMapping mapping, Optional<DataSize> limit) {
        Config config = new Config(Objects.requireNonNull(mapping, "mapping"), Objects.requireNonNull(limit, "limit"));
        return handler -> handler.isAsync()
                ? RingHandler.async(request -> {
                    Optional<Response> refused = notAcceptable(request);
                    if (refused.isPresent()) {
                        return CompletableFuture.completedFuture(refused.get());
                    }
                    CompletionStage<Response> stage;
                    try {
                        stage = handler.handleAsync(request.withAttribute(CONFIG, config));
                    } catch (UnsupportedContentTypeException e) {
                        return CompletableFuture.completedFuture(e.response());
                    }
                    return stage.exceptionallyCompose(failure -> unwrap(failure) instanceof UnsupportedContentTypeException e
                            ? CompletableFuture.completedFuture(e.response()) : CompletableFuture.failedFuture(failure));
                })
                : request -> {
                    Optional<Response> refused = notAcceptable(request);
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                    try {
                        return handler.handle(request.withAttribute(CONFIG, config));
                    } catch (UnsupportedContentTypeException e) {
                        return e.response();
                    }
                };
    }

    /** The body as {@code type}, blocking (sync handlers); fails without {@link #middleware()}. */
    public static <T> T read(Request request, Class<T> type) throws IOException {
        Config config = config(request, "Json.read");
        return read(request, config, config.mapping.mapper().constructType(type));
    }

    /** The body as a generic type ({@code new TypeReference<List<Order>>() {}}), blocking. */
    public static <T> T read(Request request, TypeReference<T> type) throws IOException {
        Config config = config(request, "Json.read");
        return read(request, config, config.mapping.mapper().constructType(type));
    }

    /** The body as a tree, blocking. */
    public static JsonNode readTree(Request request) throws IOException {
        return read(request, JsonNode.class);
    }

    /** The body as {@code type}, without blocking (async handlers); fails without {@link #middleware()}. */
    public static <T> CompletionStage<T> readAsync(Request request, Class<T> type) {
        Config config = config(request, "Json.readAsync");
        return readAsync(request, config, config.mapping.mapper().constructType(type));
    }

    /** The body as a generic type, without blocking. */
    public static <T> CompletionStage<T> readAsync(Request request, TypeReference<T> type) {
        Config config = config(request, "Json.readAsync");
        return readAsync(request, config, config.mapping.mapper().constructType(type));
    }

    /** The body as a tree, without blocking. */
    public static CompletionStage<JsonNode> readTreeAsync(Request request) {
        return readAsync(request, JsonNode.class);
    }

    /** {@code 200} with {@code value} as JSON, written with {@link JsonMapping#defaults()}. */
    public static Response response(Object value) {
        return JsonMapping.defaults().response(200, value);
    }

    /** This status with {@code value} as JSON, written with {@link JsonMapping#defaults()}. */
    public static Response response(int status, Object value) {
        return JsonMapping.defaults().response(status, value);
    }

    /** {@code 200} with {@code value} as JSON, written with the mapping of the request's middleware. */
    public static Response response(Request request, Object value) {
        return config(request, "Json.response").mapping.response(200, value);
    }

    private static <T> T read(Request request, Config config, JavaType type) throws IOException {
        checkContentType(request);
        CompletionStage<byte[]> bytes = request.body().bytes(config.limit.orElse(request.body().defaultLimit()));
        try {
            return config.mapping.read(bytes.toCompletableFuture().get(), type);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the request body");
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
    }

    private static <T> CompletionStage<T> readAsync(Request request, Config config, JavaType type) {
        try {
            checkContentType(request);
        } catch (UnsupportedContentTypeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return request.body().bytes(config.limit.orElse(request.body().defaultLimit()))
                .thenApply(bytes -> config.mapping.read(bytes, type));
    }

    private static Config config(Request request, String accessor) {
        if (request.attributes().get(CONFIG) instanceof Config config) {
            return config;
        }
        throw new IllegalStateException(accessor + ": the request did not pass through " + NAME
                + " (expected: the handler wrapped with " + NAME + ")");
    }

    private static void checkContentType(Request request) {
        String type = request.contentType().orElse("");
        if (!isJson(type)) {
            throw new UnsupportedContentTypeException(type);
        }
    }

    static boolean isJson(String contentType) {
        int semi = contentType.indexOf(';');
        String essence = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return essence.equals("application/json") || essence.startsWith("application/") && essence.endsWith("+json");
    }

    /** A {@code 406} unless the request's {@code Accept} admits {@code application/json}. */
    private static Optional<Response> notAcceptable(Request request) {
        var accepts = request.headers().all("Accept");
        if (accepts.isEmpty()) {
            return Optional.empty();
        }
        for (String accept : accepts) {
            if (Accept.admitsJson(accept)) {
                return Optional.empty();
            }
        }
        String sent = String.join(", ", accepts);
        return Optional.of(Response.text(406, "406 Not Acceptable: Accept \"" + (sent.length() > 100
                ? sent.substring(0, 100) + "…" : sent) + "\" (expected: one that admits application/json)"));
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private record Config(JsonMapping mapping, Optional<DataSize> limit) {
    }

    /**
     * The handler read JSON from a body that is not JSON; {@link #middleware()} answers {@code 415}.
     */
    public static final class UnsupportedContentTypeException extends JetringException {
        UnsupportedContentTypeException(String contentType) {
            super("Content-Type: " + (contentType.isEmpty() ? "none" : "\"" + (contentType.length() > 100
                    ? contentType.substring(0, 100) + "…" : contentType) + "\"")
                    + " (expected: application/json or another +json type)");
        }

        Response response() {
            return Response.text(415, "415 Unsupported Media Type: " + getMessage());
        }
    }
}
