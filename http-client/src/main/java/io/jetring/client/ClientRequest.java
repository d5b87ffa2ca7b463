package io.jetring.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.InvalidArgumentException;
import io.jetring.api.QueryString;
import io.jetring.client.internal.Decoders;
import io.jetring.client.internal.Urls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP call as a value: what to send, and how to hand over the response body ({@link #as()}).
 * Build one with a shorthand ({@code ClientRequest.get(url)}, {@code post}, …) and send it with
 * {@link JetClient#send}:
 *
 * <pre>{@code
 * ClientRequest<User> request = ClientRequest.get("https://api.example.com/users/7")
 *         .query("fields", "name,email")
 *         .header("Accept", "application/json")
 *         .as(As.json(User.class))
 *         .build();
 * }</pre>
 *
 * <p>The client adds what the request leaves out: {@code Host}, {@code User-Agent} (from the options),
 * {@code Content-Length} or chunked framing, cookies, and a {@code Content-Type} that suits the body
 * ({@code text/plain;charset=…} for text, {@code application/octet-stream} for the others) when no
 * header names one. An {@code Authorization} header is sent again to redirects that stay on the
 * same scheme, host and port, and dropped on redirects that leave it.
 *
 * @param method  the method, an RFC 9110 token such as {@code GET}
 * @param uri     the absolute {@code http} or {@code https} URI, query included, without fragment
 * @param headers the headers to send
 * @param body    the body; {@link Body.Stream} and {@link Body.Publisher} are read once, so a redirect
 *                that must resend them (307, 308) is returned instead of followed
 * @param timeout the time the call may take until its stage completes; the client's
 *                {@link ClientOptions#requestTimeout()} if empty
 * @param as      how the response body is handed over
 * @param <T>     the type of the response body
 */
public record ClientRequest<T>(String method, URI uri, Headers headers, Body body, Optional<Duration> timeout,
                               As<T> as) {

    /** Validates every field. */
    public ClientRequest {
        Objects.requireNonNull(method, "method");
        if (!Urls.isToken(method)) {
            throw InvalidArgumentException.of("method", "\"" + method + "\"", "an RFC 9110 token such as GET");
        }
        uri = Urls.checkUri(uri);
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timeout, "timeout");
        timeout.ifPresent(t -> ClientOptions.requirePositive("timeout", t));
        Objects.requireNonNull(as, "as");
    }

    /** A {@code GET} to {@code url}, its body as bytes until {@link Builder#as} says otherwise. */
    public static Builder<byte[]> get(String url) {
        return builder("GET", url);
    }

    /** A {@code HEAD} to {@code url}. */
    public static Builder<byte[]> head(String url) {
        return builder("HEAD", url);
    }

    /** A {@code DELETE} to {@code url}. */
    public static Builder<byte[]> delete(String url) {
        return builder("DELETE", url);
    }

    /** A {@code POST} to {@code url}; give it a body, a form or JSON. */
    public static Builder<byte[]> post(String url) {
        return builder("POST", url);
    }

    /** A {@code PUT} to {@code url}. */
    public static Builder<byte[]> put(String url) {
        return builder("PUT", url);
    }

    /** A {@code PATCH} to {@code url}. */
    public static Builder<byte[]> patch(String url) {
        return builder("PATCH", url);
    }

    /** A request with any method ({@code OPTIONS}, {@code PROPFIND}, …) to {@code url}. */
    public static Builder<byte[]> builder(String method, String url) {
        return new Builder<>(method, Urls.parse(url));
    }

    /** A request with any method to {@code uri}. */
    public static Builder<byte[]> builder(String method, URI uri) {
        return new Builder<>(method, Urls.checkUri(uri));
    }

    /** A builder that starts from this request. */
    public Builder<T> newBuilder() {
        return new Builder<>(this);
    }

    /** Shows the {@code Authorization} header only as {@code <hidden>}. */
    @Override
    public String toString() {
        Headers shown = headers.contains("Authorization") ? headers.with("Authorization", "<hidden>") : headers;
        return "ClientRequest[" + method + " " + uri + ", " + shown + ", body=" + body + ", timeout="
                + timeout.map(Duration::toString).orElse("default") + ", as=" + as + "]";
    }

    /**
     * Builds a {@link ClientRequest}; not thread-safe. {@link #as} changes the body type and returns this
     * same builder, retyped.
     *
     * @param <T> the type of the response body
     */
    public static final class Builder<T> {
        private final String method;
        private URI uri;
        private final List<String> query = new ArrayList<>();
        private final Map<String, List<String>> form = new LinkedHashMap<>();
        private Headers.Builder headers;
        private Body body = Body.empty();
        private boolean bodySet;
        private Optional<Duration> timeout = Optional.empty();
        private As<?> as = As.bytes();

        private Builder(String method, URI uri) {
            this.method = method;
            this.uri = uri;
            this.headers = Headers.builder();
        }

        private Builder(ClientRequest<T> request) {
            method = request.method;
            uri = request.uri;
            headers = request.headers.newBuilder();
            body = request.body;
            bodySet = !(body instanceof Body.Empty);
            timeout = request.timeout;
            as = request.as;
        }

        /** Adds a header field (a name may have several). */
        public Builder<T> header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** Replaces every header with these. */
        public Builder<T> headers(Headers headers) {
            this.headers = headers.newBuilder();
            return this;
        }

        /** Sets {@code Content-Type}, replacing the one the body would get by default. */
        public Builder<T> contentType(String contentType) {
            headers.set("Content-Type", contentType);
            return this;
        }

        /** Sets {@code Authorization: Basic …} from these credentials, in UTF-8. */
        public Builder<T> basicAuth(String user, String password) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (user.indexOf(':') >= 0) {
                throw InvalidArgumentException.of("basicAuth user", "\"" + user + "\"", "no ':' (RFC 7617)");
            }
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            headers.set("Authorization", "Basic " + token);
            return this;
        }

        /** Adds a query parameter after those already in the URL; both are percent-encoded as needed. */
        public Builder<T> query(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            query.add(Urls.encodeQueryComponent(name) + "=" + Urls.encodeQueryComponent(value));
            return this;
        }

        /** Adds every name and value of {@code params}, in the map's order. */
        public Builder<T> query(Map<String, ? extends List<String>> params) {
            params.forEach((name, values) -> values.forEach(value -> query(name, value)));
            return this;
        }

        /**
         * Adds a form field: the body becomes {@code application/x-www-form-urlencoded} (UTF-8). Cannot be
         * combined with {@link #body}.
         */
        public Builder<T> form(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            form.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
            return this;
        }

        /** Adds every name and value of {@code params} as form fields. */
        public Builder<T> form(Map<String, ? extends List<String>> params) {
            params.forEach((name, values) -> values.forEach(value -> form(name, value)));
            return this;
        }

        /** The body to send; see {@link ClientRequest} for the {@code Content-Type} it gets. */
        public Builder<T> body(Body body) {
            this.body = Objects.requireNonNull(body, "body");
            this.bodySet = true;
            return this;
        }

        /** {@code value} as a JSON body ({@code application/json}), written with the default mapper. */
        public Builder<T> json(Object value) {
            return json(value, Decoders.MAPPER);
        }

        /** {@code value} as a JSON body ({@code application/json}), written with {@code mapper}. */
        public Builder<T> json(Object value, ObjectMapper mapper) {
            Objects.requireNonNull(mapper, "mapper");
            byte[] bytes;
            try {
                bytes = mapper.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw InvalidArgumentException.of("json", value == null ? "null" : value.getClass().getName(),
                        "a value Jackson can write: " + e.getOriginalMessage());
            }
            if (!headers.build().contains("Content-Type")) {
                headers.set("Content-Type", "application/json");
            }
            return body(Body.of(bytes));
        }

        /** The time the call may take until its stage completes, instead of the client's default. */
        public Builder<T> timeout(Duration timeout) {
            ClientOptions.requirePositive("timeout", timeout);
            this.timeout = Optional.of(timeout);
            return this;
        }

        /** How the response body is handed over; returns this builder, retyped. */
        @SuppressWarnings("unchecked")
        public <U> Builder<U> as(As<U> as) {
            this.as = Objects.requireNonNull(as, "as");
            return (Builder<U>) this;
        }

        /** The request; throws {@link InvalidArgumentException} if form fields and a body were both given. */
        @SuppressWarnings("unchecked")
        public ClientRequest<T> build() {
            Body built = body;
            Headers.Builder h = headers;
            if (!form.isEmpty()) {
                if (bodySet) {
                    throw InvalidArgumentException.of("form", form.keySet(), "either form fields or a body, not both");
                }
                built = Body.of(QueryString.format(form));
                Headers current = h.build();
                if (!current.contains("Content-Type")) {
                    h = current.newBuilder().add("Content-Type", "application/x-www-form-urlencoded");
                }
            }
            URI target = query.isEmpty() ? uri : Urls.withQuery(uri, String.join("&", query));
            return new ClientRequest<>(method, target, h.build(), built, timeout, (As<T>) as);
        }
    }
}
