package io.jetring.client.internal;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What every transport decides the same way about a request body. */
final class RequestBodies {
    static final String OCTET_STREAM = "application/octet-stream";
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private RequestBodies() {
    }

    /** The {@code Content-Type} to send: the request's own, else one that suits the body. */
    static String contentType(Headers headers, Body body) {
        return headers.first("Content-Type").orElseGet(() -> body instanceof Body.Text text
                ? "text/plain;charset=" + text.charset().name().toLowerCase(Locale.ROOT) : OCTET_STREAM);
    }

    /**
     * Whether an empty body is sent as {@code Content-Length: 0}: for the methods that carry a body, so
     * servers that want a length (411) get one; other methods send no body at all.
     */
    static boolean sendsEmptyBody(String method) {
        return BODY_METHODS.contains(method);
    }

    /** A reason the body cannot be sent, found before anything is sent: a file that is not there. */
    static Optional<String> problem(Body body) {
        if (body instanceof Body.File file && !Files.isReadable(file.path())) {
            return Optional.of("the body file " + file.path() + " is not readable");
        }
        return Optional.empty();
    }

    /** Whether a header is the transport's to set: framing, never taken from the request. */
    static boolean isFraming(String name) {
        return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                || name.equalsIgnoreCase("Connection");
    }
}
