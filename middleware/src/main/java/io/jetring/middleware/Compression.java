package io.jetring.middleware;

import io.jetring.api.BadRequestException;
import io.jetring.api.Body;
import io.jetring.api.DataSize;
import io.jetring.api.Headers;
import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Compression for responses and requests (Ring's {@code wrap-gzip}): gzip with the JDK's
 * {@code java.util.zip}, and zstd too where {@link CompressionOptions#encodings()} asks for it (with
 * zstd-jni on the class path).
 *
 * <p>Responses: a response is compressed iff the client accepts one of the configured codings (by
 * {@code Accept-Encoding}, q-values honoured; of equal ones the server's first), the method is not {@code HEAD}, the status is
 * {@code 200}-like (not 1xx, 204, 206 or 304), it has no {@code Content-Encoding} yet and no
 * {@code Cache-Control: no-transform}, its {@code Content-Type} is in the allow-list, and its body
 * is a stream, or of known length at least {@link CompressionOptions#minSize()}. Bytes and text are
 * compressed at once (with a new {@code Content-Length}); a file, an {@code InputStream} and a
 * publisher are compressed as they are sent, chunked, and a stream's or publisher's chunks are each
 * flushed, so Server-Sent Events and long polls still arrive at once. Every response gets
 * {@code Vary: Accept-Encoding}; a compressed one (and a 304 to a client that accepts a coding) has a
 * strong {@code ETag} made weak, since the bytes differ from the uncompressed ones.
 *
 * <p>Requests: a body sent with {@code Content-Encoding: gzip} reaches the handler inflated (without
 * {@code Content-Encoding} and {@code Content-Length}), limited to
 * {@link CompressionOptions#maxInflatedSize()}: a decompression bomb gets 413, data that is not gzip
 * 400, another coding 415.
 *
 * <p>Keeps the form of the handler it wraps; compressing bytes takes CPU but never blocks, and file
 * and stream bodies are read where the engine reads them.
 */
public final class Compression {
    private final CompressionOptions options;
    private final ContentCoding[] codings;

    private Compression(CompressionOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.codings = options.encodings().stream().map(token -> ContentCoding.of(token, options))
                .toArray(ContentCoding[]::new);
    }

    /** gzip with the defaults. */
    public static Middleware gzip() {
        return of(CompressionOptions.defaults());
    }

    /** Compression with these options; the same as {@link #of}, its codings those of the options. */
    public static Middleware gzip(CompressionOptions options) {
        return of(options);
    }

    /**
     * Compression with these options: {@code Compression.of(CompressionOptions.defaults()
     * .withEncodings(List.of("zstd", "gzip")))} sends zstd where accepted, else gzip.
     */
    public static Middleware of(CompressionOptions options) {
        Compression compression = new Compression(options);
        return handler -> handler.isAsync()
                ? RingHandler.async(request -> {
                    Response refused = compression.refusal(request);
                    if (refused != null) {
                        return CompletableFuture.completedFuture(refused);
                    }
                    return handler.handleAsync(compression.inflate(request))
                            .thenApply(response -> compression.compress(request, response));
                })
                : request -> {
                    Response refused = compression.refusal(request);
                    if (refused != null) {
                        return refused;
                    }
                    return compression.compress(request, handler.handle(compression.inflate(request)));
                };
    }

    /** {@code 415} for a request body in a coding this middleware cannot read; else {@code null}. */
    private Response refusal(Request request) {
        if (!options.inflateRequests()) {
            return null;
        }
        for (String value : request.headers().all("Content-Encoding")) {
            for (String coding : value.split(",")) {
                String c = coding.trim().toLowerCase(Locale.ROOT);
                if (!c.isEmpty() && !c.equals("identity") && !c.equals("gzip") && !c.equals("x-gzip")) {
                    return Response.text(415, "415 Unsupported Media Type: Content-Encoding: " + value
                            + " (expected: gzip or identity)").withHeader("Accept-Encoding", "gzip");
                }
            }
        }
        return null;
    }

    private Request inflate(Request request) {
        if (!options.inflateRequests()) {
            return request;
        }
        int gzips = 0;
        for (String value : request.headers().all("Content-Encoding")) {
            for (String coding : value.split(",")) {
                String c = coding.trim().toLowerCase(Locale.ROOT);
                if (c.equals("gzip") || c.equals("x-gzip")) {
                    gzips++;
                }
            }
        }
        if (gzips == 0) {
            return request;
        }
        if (gzips > 1) {
            // Compressed twice is never needed and only multiplies what a bomb can do.
            throw new BadRequestException("Content-Encoding: gzip more than once (expected: gzip once)");
        }
        DataSize limit = options.maxInflatedSize().orElse(request.body().defaultLimit());
        return request.newBuilder().headers(request.headers().without("Content-Encoding").without("Content-Length"))
                .body(new InflatedBody(request.body(), limit)).build();
    }

    private Response compress(Request request, Response response) {
        if (response == null || response.isWebSocket()) {
            return response;
        }
        Response varied = Vary.add(response, "Accept-Encoding");
        int status = response.status();
        ContentCoding coding = chosen(request);
        if (status == 304) {
            return coding != null ? weakenETag(varied) : varied;
        }
        if (coding == null || request.method().equals("HEAD") || status < 200 || status == 204 || status == 206
                || response.headers().contains("Content-Encoding") || noTransform(response)) {
            return varied;
        }
        Optional<String> type = response.header("Content-Type");
        if (type.isEmpty() || !options.compresses(type.get())) {
            return varied;
        }
        Body body = response.body();
        long min = options.minSize().bytes();
        Body compressed;
        if (body instanceof Body.Bytes bytes) {
            compressed = bytes.bytes().length < min ? null
                    : Body.of(coding.compress(bytes.bytes()));
        } else if (body instanceof Body.Buffer buffer) {
            compressed = buffer.length() < min ? null : Body.of(coding.compress(buffer.toBytes()));
        } else if (body instanceof Body.Text text) {
            byte[] encoded = text.charset().equals(StandardCharsets.UTF_8) && text.text().length() * 3L < min ? null
                    : text.text().getBytes(text.charset());
            compressed = encoded == null || encoded.length < min ? null
                    : Body.of(coding.compress(encoded));
        } else if (body instanceof Body.File file) {
            compressed = file.length().isPresent() && file.length().getAsLong() < min ? null
                    : Body.of(new EncodingStream(coding, file));
        } else if (body instanceof Body.Stream stream) {
            compressed = Body.of(new EncodingStream(coding, stream.stream()));
        } else if (body instanceof Body.Publisher publisher) {
            compressed = Body.of(new EncodingPublisher(publisher.publisher(), coding));
        } else {
            compressed = null;
        }
        if (compressed == null) {
            return varied;
        }
        Headers headers = varied.headers().without("Content-Length").withAdded("Content-Encoding", coding.token());
        return weakenETag(Response.of(status, headers, compressed));
    }

    /** The coding the client accepts with the highest quality, of equal ones the first configured; null if none. */
    private ContentCoding chosen(Request request) {
        ContentCoding best = null;
        double bestQuality = 0;
        for (ContentCoding coding : codings) {
            double q = AcceptEncoding.quality(request, coding.token());
            if (q > bestQuality) {
                best = coding;
                bestQuality = q;
            }
        }
        return best;
    }

    private static boolean noTransform(Response response) {
        for (String value : response.headers().all("Cache-Control")) {
            for (String directive : value.split(",")) {
                if (directive.trim().equalsIgnoreCase("no-transform")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Response weakenETag(Response response) {
        Optional<String> etag = response.header("ETag");
        if (etag.isEmpty() || etag.get().startsWith("W/")) {
            return response;
        }
        return response.withHeader("ETag", EntityTags.weak(etag.get()));
    }
}
