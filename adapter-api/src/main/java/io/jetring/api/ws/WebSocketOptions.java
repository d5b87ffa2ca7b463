package io.jetring.api.ws;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The limits and timers of WebSocket connections, one immutable value used by the server and the
 * client alike. Start from {@link #defaults()} or {@link #builder()}.
 *
 * <table>
 *   <caption>WebSocket options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>rule</th></tr>
 *   <tr><td>maxTextMessageSize</td><td>64 KiB</td><td>1 byte..2 GiB; a larger message closes with 1009</td></tr>
 *   <tr><td>maxBinaryMessageSize</td><td>64 KiB</td><td>1 byte..2 GiB; a larger message closes with 1009</td></tr>
 *   <tr><td>idleTimeout</td><td>30 s</td><td>positive; no traffic for this long closes with 1001</td></tr>
 *   <tr><td>pingInterval</td><td>none</td><td>shorter than idleTimeout; a ping not answered before the
 *       next is due closes the connection</td></tr>
 *   <tr><td>outboundQueueLimit</td><td>1 MiB</td><td>at least 1 byte; bytes accepted but not yet written</td></tr>
 *   <tr><td>overflowPolicy</td><td>{@code FAIL}</td><td>what a send beyond the queue limit does</td></tr>
 *   <tr><td>allowedOrigins</td><td>empty: every origin</td><td>server only: origins such as
 *       {@code https://example.com}; an upgrade whose {@code Origin} is not listed gets 403</td></tr>
 * </table>
 *
 * @param maxTextMessageSize   the largest text message accepted, in UTF-8 bytes, after assembly
 * @param maxBinaryMessageSize the largest binary message accepted, after assembly
 * @param idleTimeout          how long a connection may carry no frame before it is closed
 * @param pingInterval         send a ping this often and expect its pong before the next; empty: no pings
 * @param outboundQueueLimit   the most bytes of sends accepted but not yet written; a single send
 *                             larger than this is accepted when nothing else is queued
 * @param overflowPolicy       what a send that does not fit does
 * @param allowedOrigins       (server) the browser origins allowed to connect; empty allows every origin
 *                             and requests without {@code Origin} (non-browser clients) are always allowed
 */
public record WebSocketOptions(
        DataSize maxTextMessageSize,
        DataSize maxBinaryMessageSize,
        Duration idleTimeout,
        Optional<Duration> pingInterval,
        DataSize outboundQueueLimit,
        OverflowPolicy overflowPolicy,
        List<String> allowedOrigins) {

    private static final long MAX_MESSAGE = Integer.MAX_VALUE - 8;
    private static final WebSocketOptions DEFAULTS = new WebSocketOptions(DataSize.ofKibibytes(64),
            DataSize.ofKibibytes(64), Duration.ofSeconds(30), Optional.empty(), DataSize.ofMebibytes(1),
            OverflowPolicy.FAIL, List.of());

    /** Checks every rule; the message names the first option that breaks one. */
    public WebSocketOptions {
        Objects.requireNonNull(maxTextMessageSize, "maxTextMessageSize");
        Objects.requireNonNull(maxBinaryMessageSize, "maxBinaryMessageSize");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(outboundQueueLimit, "outboundQueueLimit");
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        allowedOrigins = List.copyOf(allowedOrigins);
        requireMessageSize("maxTextMessageSize", maxTextMessageSize);
        requireMessageSize("maxBinaryMessageSize", maxBinaryMessageSize);
        requirePositive("idleTimeout", idleTimeout);
        if (pingInterval.isPresent()) {
            Duration ping = pingInterval.get();
            requirePositive("pingInterval", ping);
            if (ping.compareTo(idleTimeout) >= 0) {
                throw InvalidOptionException.of("pingInterval", ping,
                        "shorter than idleTimeout (" + idleTimeout + "), so that pings keep the connection alive");
            }
        }
        if (outboundQueueLimit.bytes() < 1) {
            throw InvalidOptionException.of("outboundQueueLimit", outboundQueueLimit, "at least 1 byte");
        }
        allowedOrigins.forEach(WebSocketOptions::checkOrigin);
    }

    /** Every option at its default. */
    public static WebSocketOptions defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder that starts from these options. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /**
     * Whether an upgrade with this {@code Origin} header value (empty if the request had none) may
     * connect: always when the list is empty or the request has no {@code Origin}; else iff the origin
     * is listed (scheme and host compared without regard to case).
     */
    public boolean allowsOrigin(Optional<String> origin) {
        if (allowedOrigins.isEmpty() || origin.isEmpty()) {
            return true;
        }
        String asked = origin.get().trim();
        for (String allowed : allowedOrigins) {
            if (allowed.equalsIgnoreCase(asked)) {
                return true;
            }
        }
        return false;
    }

    private static void requireMessageSize(String name, DataSize size) {
        if (size.bytes() < 1 || size.bytes() > MAX_MESSAGE) {
            throw InvalidOptionException.of(name, size, "1 byte..2 GiB (less than the largest Java array)");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero() || value.toMillis() < 1) {
            throw InvalidOptionException.of(name, value, "a positive duration of at least 1 ms");
        }
    }

    private static void checkOrigin(String origin) {
        Objects.requireNonNull(origin, "allowed origin");
        String expected = "an origin such as https://example.com or http://localhost:8080 (scheme://host[:port])";
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw InvalidOptionException.of("allowedOrigins", "\"" + origin + "\"", expected);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
            throw InvalidOptionException.of("allowedOrigins", "\"" + origin + "\"", expected);
        }
    }

    /** Builds {@link WebSocketOptions}; {@link #build()} checks the rules. */
    public static final class Builder {
        private DataSize maxTextMessageSize;
        private DataSize maxBinaryMessageSize;
        private Duration idleTimeout;
        private Optional<Duration> pingInterval;
        private DataSize outboundQueueLimit;
        private OverflowPolicy overflowPolicy;
        private List<String> allowedOrigins;

        private Builder(WebSocketOptions o) {
            maxTextMessageSize = o.maxTextMessageSize;
            maxBinaryMessageSize = o.maxBinaryMessageSize;
            idleTimeout = o.idleTimeout;
            pingInterval = o.pingInterval;
            outboundQueueLimit = o.outboundQueueLimit;
            overflowPolicy = o.overflowPolicy;
            allowedOrigins = o.allowedOrigins;
        }

        /** The largest text message accepted (UTF-8 bytes); a larger one closes the connection with 1009. */
        public Builder maxTextMessageSize(DataSize size) {
            this.maxTextMessageSize = size;
            return this;
        }

        /** The largest binary message accepted; a larger one closes the connection with 1009. */
        public Builder maxBinaryMessageSize(DataSize size) {
            this.maxBinaryMessageSize = size;
            return this;
        }

        /** Both message limits at once. */
        public Builder maxMessageSize(DataSize size) {
            return maxTextMessageSize(size).maxBinaryMessageSize(size);
        }

        /** How long a connection may carry no frame before it is closed. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** Ping the peer this often; a ping still unanswered when the next is due closes the connection. */
        public Builder pingInterval(Duration pingInterval) {
            this.pingInterval = Optional.of(pingInterval);
            return this;
        }

        /** No keep-alive pings (the default). */
        public Builder noPing() {
            this.pingInterval = Optional.empty();
            return this;
        }

        /** The most bytes of sends accepted but not yet written. */
        public Builder outboundQueueLimit(DataSize limit) {
            this.outboundQueueLimit = limit;
            return this;
        }

        /** What a send that does not fit in the outbound queue does. */
        public Builder overflowPolicy(OverflowPolicy policy) {
            this.overflowPolicy = policy;
            return this;
        }

        /** (Server) only these browser origins may connect, e.g. {@code https://example.com}. */
        public Builder allowedOrigins(List<String> origins) {
            this.allowedOrigins = origins;
            return this;
        }

        /** (Server) only these browser origins may connect. */
        public Builder allowedOrigins(String... origins) {
            return allowedOrigins(List.of(origins));
        }

        /** The options; throws {@link InvalidOptionException} naming the first value that breaks a rule. */
        public WebSocketOptions build() {
            return new WebSocketOptions(maxTextMessageSize, maxBinaryMessageSize, idleTimeout, pingInterval,
                    outboundQueueLimit, overflowPolicy, allowedOrigins);
        }
    }
}
