package io.jetring.middleware;

import io.jetring.api.Body;
import io.jetring.api.HttpDate;
import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.Response;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Conditional responses for dynamic handlers (Ring's {@code wrap-not-modified}, with tags): a
 * {@code 200} to a {@code GET} or {@code HEAD} whose body is bytes or text gets an {@code ETag}, a
 * hash of the body, unless the handler set one; then the request's {@code If-None-Match},
 * {@code If-Modified-Since}, {@code If-Match} and {@code If-Unmodified-Since} are evaluated against
 * its {@code ETag} and {@code Last-Modified} (RFC 9110 section 13.2.2): {@code 304} (no body, the
 * validators and caching headers kept) or {@code 412}. A file from {@code Response.file}, which
 * carries its validators, is answered the same way.
 *
 * <p>The handler runs before the conditions are evaluated, so this saves bandwidth, not work, and
 * it does not guard writes: a {@code PUT} with {@code If-Match} must be checked by the handler
 * before it changes anything. Put {@link Compression} outside it: the tag is of the uncompressed
 * bytes, and compression makes it weak.
 */
public final class ETags {
    /** What a 304 keeps of the 200 it replaces (RFC 9110 section 15.4.5). */
    private static final List<String> KEPT = List.of("ETag", "Last-Modified", "Cache-Control", "Expires", "Vary",
            "Content-Location", "Date");

    private ETags() {
    }

    /** Strong tags for bodies up to 1 MiB. */
    public static Middleware of() {
        return of(ETagOptions.defaults());
    }

    /** Tags with these options. */
    public static Middleware of(ETagOptions options) {
        Objects.requireNonNull(options, "options");
        return Middleware.mapResponse((request, response) -> conditional(request, response, options));
    }

    private static Response conditional(Request request, Response response, ETagOptions options) {
        String method = request.method();
        if (response == null || response.status() != 200 || !method.equals("GET") && !method.equals("HEAD")) {
            return response;
        }
        Optional<String> etag = response.header("ETag");
        if (etag.isEmpty()) {
            ByteBuffer bytes = bytes(response.body(), options);
            if (bytes != null) {
                String tag = tag(bytes);
                etag = Optional.of(options.weak() ? EntityTags.weak(tag) : tag);
                response = response.withHeader("ETag", etag.get());
                if (response.body() instanceof Body.Text) {
                    // Encoded once for the hash: the engine need not encode it again.
                    response = response.withBody(Body.of(bytes.array()));
                }
            }
        }
        Optional<Instant> lastModified = response.header("Last-Modified").flatMap(HttpDate::parse);
        if (etag.isEmpty() && lastModified.isEmpty()) {
            return response;
        }
        switch (Preconditions.evaluate(request, etag, lastModified)) {
            case NOT_MODIFIED -> {
                release(response.body());
                Response notModified = Response.status(304);
                for (String name : KEPT) {
                    for (String value : response.headers().all(name)) {
                        notModified = notModified.addHeader(name, value);
                    }
                }
                return notModified;
            }
            case FAILED -> {
                release(response.body());
                return Response.status(412);
            }
            default -> {
                return response;
            }
        }
    }

    /** The bytes of a body held in memory, if at most the hashed size; {@code null} for the others. */
    private static ByteBuffer bytes(Body body, ETagOptions options) {
        long max = options.maxHashedSize().bytes();
        if (body instanceof Body.Bytes b) {
            return b.bytes().length <= max ? ByteBuffer.wrap(b.bytes()) : null;
        }
        if (body instanceof Body.Buffer b) {
            return b.length() <= max ? b.buffer() : null;
        }
        if (body instanceof Body.Text t) {
            byte[] encoded = t.text().getBytes(t.charset());
            return encoded.length <= max ? ByteBuffer.wrap(encoded) : null;
        }
        return null;
    }

    /** A body that is not sent is still closed: a stream's owner expects that. */
    private static void release(Body body) {
        if (body instanceof Body.Stream stream) {
            try {
                stream.stream().close();
            } catch (IOException ignored) {
                // Nothing was read from it and nobody waits for it.
            }
        }
    }

    /** The first 128 bits of the body's SHA-256, base64url: {@code "Fa0…"}. */
    static String tag(byte[] bytes) {
        return tag(ByteBuffer.wrap(bytes));
    }

    /** The strong tag of the bytes {@code bytes} has left, read through (its position moves). */
    static String tag(ByteBuffer bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes);
            byte[] digest = sha.digest();
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
