package io.jetring.api;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as a value: what Ring calls the request map. The server builds one per request;
 * middleware derives new ones with the {@code with…} methods (Ring's {@code assoc}).
 *
 * @param method         the method, upper case as sent: {@code GET}, {@code POST}, …
 * @param scheme         {@code http} or {@code https} ({@code ws}/{@code wss} upgrades keep the HTTP scheme)
 * @param serverName     the host the client asked for (Host header or authority), else the local address
 * @param serverPort     the port the client asked for, else the local port; {@code 0..65535}
 * @param remoteAddr     the peer's IP address, as text
 * @param remotePort     the peer's port
 * @param path           the path as sent, still percent-encoded (Ring's {@code :uri}); never empty
 * @param queryString    the text after {@code ?}, still encoded; empty iff the target had no {@code ?}
 * @param protocol       {@code HTTP/1.1}, {@code HTTP/2.0}, …
 * @param headers        the request headers
 * @param body           the body, to be read once
 * @param sslClientCerts the client's certificate chain on a TLS connection with client auth; else empty
 * @param attributes     values that middleware attaches; never sent on the wire
 * @param context        what the engine gives this exchange: the executor for blocking work and
 *                       the matched route; shared by every request derived from this one
 */
public record Request(
        String method,
        String scheme,
        String serverName,
        int serverPort,
        String remoteAddr,
        int remotePort,
        String path,
        Optional<String> queryString,
        String protocol,
        Headers headers,
        RequestBody body,
        List<X509Certificate> sslClientCerts,
        Map<String, Object> attributes,
        RequestContext context) {

    /** Validates and copies: every field is required, collections are made immutable. */
    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(remoteAddr, "remoteAddr");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(queryString, "queryString");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(context, "context");
        sslClientCerts = List.copyOf(sslClientCerts);
        attributes = Map.copyOf(attributes);
        if (method.isEmpty()) {
            throw InvalidArgumentException.of("method", "\"\"", "an HTTP method token such as GET");
        }
        if (path.isEmpty()) {
            throw InvalidArgumentException.of("path", "\"\"", "a path such as /");
        }
        if (serverPort < 0 || serverPort > 65535) {
            throw InvalidArgumentException.of("serverPort", serverPort, "0..65535");
        }
        if (remotePort < 0 || remotePort > 65535) {
            throw InvalidArgumentException.of("remotePort", remotePort, "0..65535");
        }
    }

    /**
     * Equal iff every field but {@link #context()} is equal: the context holds the engine's services
     * for one exchange, not part of the request's value.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Request r && serverPort == r.serverPort && remotePort == r.remotePort
                && method.equals(r.method) && scheme.equals(r.scheme) && serverName.equals(r.serverName)
                && remoteAddr.equals(r.remoteAddr) && path.equals(r.path) && queryString.equals(r.queryString)
                && protocol.equals(r.protocol) && headers.equals(r.headers) && body.equals(r.body)
                && sslClientCerts.equals(r.sslClientCerts) && attributes.equals(r.attributes);
    }

    /** Consistent with {@link #equals}: the context does not count. */
    @Override
    public int hashCode() {
        return Objects.hash(method, scheme, serverName, serverPort, remoteAddr, remotePort, path, queryString,
                protocol, headers, body, sslClientCerts, attributes);
    }

    /** A builder for a {@code GET /} request from {@code 127.0.0.1} to {@code localhost:80}: for tests. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this request. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** The first value of header {@code name}. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** The {@code Content-Type} header. */
    public Optional<String> contentType() {
        return headers.first("Content-Type");
    }

    /** The query parameters, decoded as {@code application/x-www-form-urlencoded} UTF-8. */
    public Map<String, List<String>> queryParams() {
        return queryString.map(QueryString::parse).orElse(Map.of());
    }

    /** The first value of query parameter {@code name}. */
    public Optional<String> queryParam(String name) {
        List<String> values = queryParams().getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Whether this request asks to become a WebSocket ({@code GET} with an {@code Upgrade} header
     * naming {@code websocket}, RFC 6455 section 4.1; Ring's {@code websocket-request?}). A handler
     * may answer it with {@link Response#websocket}; the engine then checks the rest of the
     * handshake, answering {@code 400} if it is not valid.
     */
    public boolean isWebSocketUpgrade() {
        if (!"GET".equals(method)) {
            return false;
        }
        for (String upgrade : headers.all("Upgrade")) {
            for (String token : upgrade.split(",")) {
                if (token.trim().equalsIgnoreCase("websocket")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The attribute under {@code key}. */
    public Optional<Object> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /** The attribute under {@code key}, if it is there and of {@code type}. */
    public <T> Optional<T> attribute(String key, Class<T> type) {
        Object value = attributes.get(key);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    /** This request with {@code key} mapped to {@code value}. */
    public Request withAttribute(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, Object> next;
        if (attributes.isEmpty()) {
            next = Map.of(key, value);
        } else {
            Map<String, Object> copy = new HashMap<>(attributes);
            copy.put(key, value);
            next = copy;
        }
        // The canonical constructor, not a builder: this runs once per middleware per request.
        return new Request(method, scheme, serverName, serverPort, remoteAddr, remotePort, path, queryString,
                protocol, headers, body, sslClientCerts, next, context);
    }

    /** This request without attribute {@code key}. */
    public Request withoutAttribute(String key) {
        if (!attributes.containsKey(key)) {
            return this;
        }
        Map<String, Object> copy = new HashMap<>(attributes);
        copy.remove(key);
        return newBuilder().attributes(copy).build();
    }

    /** This request with other headers. */
    public Request withHeaders(Headers headers) {
        return newBuilder().headers(headers).build();
    }

    /** This request with one header set (replacing any of that name). */
    public Request withHeader(String name, String value) {
        return withHeaders(headers.with(name, value));
    }

    /** This request with another path. */
    public Request withPath(String path) {
        return newBuilder().path(path).build();
    }

    /** This request with another body. */
    public Request withBody(RequestBody body) {
        return newBuilder().body(body).build();
    }

    /** Builds a {@link Request}; every field starts with a test-friendly default. */
    public static final class Builder {
        private String method = "GET";
        private String scheme = "http";
        private String serverName = "localhost";
        private int serverPort = 80;
        private String remoteAddr = "127.0.0.1";
        private int remotePort = 0;
        private String path = "/";
        private Optional<String> queryString = Optional.empty();
        private String protocol = "HTTP/1.1";
        private Headers headers = Headers.of();
        private RequestBody body;
        private List<X509Certificate> sslClientCerts = List.of();
        private Map<String, Object> attributes = Map.of();
        private RequestContext context;

        private Builder() {
        }

        private Builder(Request r) {
            method = r.method;
            scheme = r.scheme;
            serverName = r.serverName;
            serverPort = r.serverPort;
            remoteAddr = r.remoteAddr;
            remotePort = r.remotePort;
            path = r.path;
            queryString = r.queryString;
            protocol = r.protocol;
            headers = r.headers;
            body = r.body;
            sslClientCerts = r.sslClientCerts;
            attributes = r.attributes;
            context = r.context;
        }

        /** Sets {@link Request#method()}. */
        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** Sets {@link Request#scheme()}. */
        public Builder scheme(String scheme) {
            this.scheme = scheme;
            return this;
        }

        /** Sets {@link Request#serverName()}. */
        public Builder serverName(String serverName) {
            this.serverName = serverName;
            return this;
        }

        /** Sets {@link Request#serverPort()}. */
        public Builder serverPort(int serverPort) {
            this.serverPort = serverPort;
            return this;
        }

        /** Sets {@link Request#remoteAddr()}. */
        public Builder remoteAddr(String remoteAddr) {
            this.remoteAddr = remoteAddr;
            return this;
        }

        /** Sets {@link Request#remotePort()}. */
        public Builder remotePort(int remotePort) {
            this.remotePort = remotePort;
            return this;
        }

        /** Sets {@link Request#path()}. */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** Sets {@link Request#queryString()}; {@code null} means none. */
        public Builder queryString(String queryString) {
            this.queryString = Optional.ofNullable(queryString);
            return this;
        }

        /** Sets {@link Request#protocol()}. */
        public Builder protocol(String protocol) {
            this.protocol = protocol;
            return this;
        }

        /** Sets {@link Request#headers()}. */
        public Builder headers(Headers headers) {
            this.headers = headers;
            return this;
        }

        /** Adds one header. */
        public Builder header(String name, String value) {
            this.headers = headers.withAdded(name, value);
            return this;
        }

        /** Sets {@link Request#body()}; an empty body if never set. */
        public Builder body(RequestBody body) {
            this.body = body;
            return this;
        }

        /** Sets {@link Request#sslClientCerts()}. */
        public Builder sslClientCerts(List<X509Certificate> sslClientCerts) {
            this.sslClientCerts = sslClientCerts;
            return this;
        }

        /** Sets {@link Request#attributes()}. */
        public Builder attributes(Map<String, Object> attributes) {
            this.attributes = attributes;
            return this;
        }

        /** Sets {@link Request#context()}; a {@link RequestContext#detached()} one if never set. */
        public Builder context(RequestContext context) {
            this.context = context;
            return this;
        }

        /** The request. */
        public Request build() {
            return new Request(method, scheme, serverName, serverPort, remoteAddr, remotePort, path,
                    queryString, protocol, headers, body == null ? RequestBody.empty() : body,
                    sslClientCerts, attributes, context == null ? RequestContext.detached() : context);
        }
    }
}
