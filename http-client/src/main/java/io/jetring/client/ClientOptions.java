package io.jetring.client;

import io.jetring.api.DataSize;
import io.jetring.api.Headers;
import io.jetring.api.InvalidOptionException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link JetClient} can be told, as one immutable value. Start from
 * {@link #defaults()} or {@link #builder()}; every field has the default listed here.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>rule</th></tr>
 *   <tr><td>connectTimeout</td><td>10 s</td><td>positive</td></tr>
 *   <tr><td>requestTimeout</td><td>30 s</td><td>positive; until the stage completes (see {@link ClientRequest#timeout()})</td></tr>
 *   <tr><td>idleTimeout</td><td>30 s</td><td>positive; a connection silent that long is closed</td></tr>
 *   <tr><td>maxConnectionsPerDestination</td><td>64</td><td>&gt;= 1; further calls queue</td></tr>
 *   <tr><td>followRedirects</td><td>true</td><td>301, 302, 303, 307, 308</td></tr>
 *   <tr><td>maxRedirects</td><td>10</td><td>&gt;= 1; more fails with {@link TooManyRedirectsException}</td></tr>
 *   <tr><td>userAgent</td><td>{@code jetring}</td><td>empty sends no {@code User-Agent}</td></tr>
 *   <tr><td>cookies</td><td>true: kept per client, sent back as RFC 6265 says</td><td></td></tr>
 *   <tr><td>http2</td><td>{@link Http2Mode#TLS}</td><td></td></tr>
 *   <tr><td>proxy</td><td>none</td><td></td></tr>
 *   <tr><td>trust</td><td>{@link Trust#systemDefault()}</td><td>a trust store file must be readable</td></tr>
 *   <tr><td>maxResponseBodySize</td><td>10 MiB</td><td>limit of aggregated bodies; less than 2 GiB</td></tr>
 *   <tr><td>decompress</td><td>true: asks for gzip and decodes it</td><td></td></tr>
 *   <tr><td>inProcessAsyncTimeout</td><td>30 s, as {@code ServerOptions.asyncTimeout}</td><td>positive; in process
 *       only: an async handler's stage still pending then gets 503</td></tr>
 * </table>
 *
 * @param connectTimeout               how long establishing a TCP connection may take
 * @param requestTimeout               how long a call may take until its stage completes, unless the
 *                                     request sets its own
 * @param idleTimeout                  how long a connection may carry no bytes, in a call or between calls
 * @param maxConnectionsPerDestination the most connections open to one scheme, host and port
 * @param followRedirects              whether redirects are followed (else they are returned)
 * @param maxRedirects                 the most redirects followed in one call
 * @param userAgent                    the {@code User-Agent} sent unless a request sets its own
 * @param cookies                      whether cookies the servers set are kept and sent back
 * @param http2                        when HTTP/2 is spoken
 * @param proxy                        the HTTP proxy to go through
 * @param trust                        which server certificates are accepted
 * @param maxResponseBodySize          the largest body read into memory (bytes, string, JSON)
 * @param decompress                   whether {@code Accept-Encoding: gzip} is sent and gzip bodies are
 *                                     decoded (the size limit applies to the decoded bytes)
 * @param inProcessAsyncTimeout        for {@link JetClient#inProcess}: how long an async handler's stage
 *                                     may stay pending before the client gets 503, as a server's
 *                                     {@code asyncTimeout}; unused over the network
 */
public record ClientOptions(
        Duration connectTimeout,
        Duration requestTimeout,
        Duration idleTimeout,
        int maxConnectionsPerDestination,
        boolean followRedirects,
        int maxRedirects,
        Optional<String> userAgent,
        boolean cookies,
        Http2Mode http2,
        Optional<ProxyOptions> proxy,
        Trust trust,
        DataSize maxResponseBodySize,
        boolean decompress,
        Duration inProcessAsyncTimeout) {

    private static final ClientOptions DEFAULTS = new ClientOptions(
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), 64, true, 10,
            Optional.of("jetring"), true, Http2Mode.TLS, Optional.empty(), Trust.systemDefault(),
            DataSize.ofMebibytes(10), true, Duration.ofSeconds(30));

    /** Checks every rule that needs no look at the machine; {@link JetClient#create} checks the rest. */
    public ClientOptions {
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("inProcessAsyncTimeout", inProcessAsyncTimeout);
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(http2, "http2");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(trust, "trust");
        checkBodyLimit(maxResponseBodySize);
        if (maxConnectionsPerDestination < 1) {
            throw InvalidOptionException.of("maxConnectionsPerDestination", maxConnectionsPerDestination, ">= 1");
        }
        if (maxRedirects < 1) {
            throw InvalidOptionException.of("maxRedirects", maxRedirects, ">= 1; turn followRedirects off instead");
        }
        // Validates like any header value: no CR, LF or NUL.
        userAgent.ifPresent(agent -> Headers.of("User-Agent", agent));
    }

    static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.toMillis() < 1) {
            throw InvalidOptionException.of(name, value, "at least 1 ms");
        }
    }

    static void checkBodyLimit(DataSize limit) {
        Objects.requireNonNull(limit, "maxResponseBodySize");
        if (limit.bytes() > Integer.MAX_VALUE - 8) {
            throw InvalidOptionException.of("maxResponseBodySize", limit, "less than 2 GiB, the largest Java array");
        }
    }

    /** Every option at its default. */
    public static ClientOptions defaults() {
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

    /** Builds {@link ClientOptions}; {@link #build()} checks the rules. */
    public static final class Builder {
        private Duration connectTimeout;
        private Duration requestTimeout;
        private Duration idleTimeout;
        private int maxConnectionsPerDestination;
        private boolean followRedirects;
        private int maxRedirects;
        private Optional<String> userAgent;
        private boolean cookies;
        private Http2Mode http2;
        private Optional<ProxyOptions> proxy;
        private Trust trust;
        private DataSize maxResponseBodySize;
        private boolean decompress;
        private Duration inProcessAsyncTimeout;

        private Builder(ClientOptions o) {
            connectTimeout = o.connectTimeout;
            requestTimeout = o.requestTimeout;
            idleTimeout = o.idleTimeout;
            maxConnectionsPerDestination = o.maxConnectionsPerDestination;
            followRedirects = o.followRedirects;
            maxRedirects = o.maxRedirects;
            userAgent = o.userAgent;
            cookies = o.cookies;
            http2 = o.http2;
            proxy = o.proxy;
            trust = o.trust;
            maxResponseBodySize = o.maxResponseBodySize;
            decompress = o.decompress;
            inProcessAsyncTimeout = o.inProcessAsyncTimeout;
        }

        /** How long establishing a TCP connection may take. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long a call may take until its stage completes, unless the request sets its own. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** How long a connection may carry no bytes before it is closed (and its call failed). */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** The most connections open to one destination; further calls wait for one. */
        public Builder maxConnectionsPerDestination(int max) {
            this.maxConnectionsPerDestination = max;
            return this;
        }

        /** Whether redirects are followed; when off, the 3xx response is returned as is. */
        public Builder followRedirects(boolean followRedirects) {
            this.followRedirects = followRedirects;
            return this;
        }

        /** The most redirects followed in one call. */
        public Builder maxRedirects(int maxRedirects) {
            this.maxRedirects = maxRedirects;
            return this;
        }

        /** The {@code User-Agent} sent unless a request sets its own. */
        public Builder userAgent(String userAgent) {
            this.userAgent = Optional.of(userAgent);
            return this;
        }

        /** Send no {@code User-Agent} unless a request sets one. */
        public Builder noUserAgent() {
            this.userAgent = Optional.empty();
            return this;
        }

        /** Whether cookies the servers set are kept and sent back. */
        public Builder cookies(boolean cookies) {
            this.cookies = cookies;
            return this;
        }

        /** When HTTP/2 is spoken. */
        public Builder http2(Http2Mode http2) {
            this.http2 = http2;
            return this;
        }

        /** Go through this HTTP proxy. */
        public Builder proxy(ProxyOptions proxy) {
            this.proxy = Optional.of(proxy);
            return this;
        }

        /** Which server certificates are accepted. */
        public Builder trust(Trust trust) {
            this.trust = trust;
            return this;
        }

        /** The largest body read into memory; larger ones fail with {@link ResponseTooLargeException}. */
        public Builder maxResponseBodySize(DataSize size) {
            this.maxResponseBodySize = size;
            return this;
        }

        /** Whether gzip is asked for and decoded. */
        public Builder decompress(boolean decompress) {
            this.decompress = decompress;
            return this;
        }

        /**
         * In process ({@link JetClient#inProcess}): how long an async handler's stage may stay pending
         * before the call gets 503, as a server's {@code asyncTimeout}.
         */
        public Builder inProcessAsyncTimeout(Duration inProcessAsyncTimeout) {
            this.inProcessAsyncTimeout = inProcessAsyncTimeout;
            return this;
        }

        /** The options; throws {@link InvalidOptionException} naming the first value that breaks a rule. */
        public ClientOptions build() {
            return new ClientOptions(connectTimeout, requestTimeout, idleTimeout, maxConnectionsPerDestination,
                    followRedirects, maxRedirects, userAgent, cookies, http2, proxy, trust, maxResponseBodySize,
                    decompress, inProcessAsyncTimeout);
        }
    }
}
