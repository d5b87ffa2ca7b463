package io.jetring.client;

import io.jetring.api.Headers;
import io.jetring.api.InvalidArgumentException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP response as the client received it: status, headers and the body in the form the request
 * asked for with {@link ClientRequest#as()}.
 *
 * @param status   the status code, {@code 100..599}; 4xx and 5xx are ordinary responses, not failures
 * @param headers  the response headers; with {@link ClientOptions#decompress()} on, a decoded body's
 *                 {@code Content-Encoding} and {@code Content-Length} are removed
 * @param body     the body as asked: {@code byte[]}, {@code String}, a decoded value, an
 *                 {@code InputStream}, a {@code Flow.Publisher<byte[]>}; {@code null} only for
 *                 {@link As#discarding()}
 * @param protocol the protocol of the final exchange: {@code HTTP/1.1} or {@code HTTP/2.0}
 * @param uri      the URI that answered, after any redirects
 * @param <T>      the body's type
 */
public record ClientResponse<T>(int status, Headers headers, T body, String protocol, URI uri) {

    /** Validates the status and requires every field but the body. */
    public ClientResponse {
        if (status < 100 || status > 599) {
            throw InvalidArgumentException.of("status", status, "100..599");
        }
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(uri, "uri");
    }

    /** The first value of header {@code name}. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** The {@code Content-Type} header. */
    public Optional<String> contentType() {
        return headers.first("Content-Type");
    }

    /** Whether the status is {@code 2xx}. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** This response with another body (a decoded one, say). */
    public <U> ClientResponse<U> withBody(U body) {
        return new ClientResponse<>(status, headers, body, protocol, uri);
    }

    /** Shows the body only by type, so a large one does not flood a log. */
    @Override
    public String toString() {
        String shown = body == null ? "none" : body instanceof byte[] bytes ? bytes.length + " bytes"
                : body.getClass().getSimpleName();
        return "ClientResponse[" + status + " " + protocol + " " + uri + ", " + headers + ", body=" + shown + "]";
    }
}
