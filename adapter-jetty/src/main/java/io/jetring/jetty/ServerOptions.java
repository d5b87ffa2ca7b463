package io.jetring.jetty;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import io.jetring.api.observe.RequestLog;
import io.jetring.api.observe.ServerObserver;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.jetty.internal.Slf4jRequestLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Server;

/**
 * Everything {@link JetServer#run} can be told, as one immutable value. Start from
 * {@link #defaults()} or {@link #builder()}; every field has the default listed here and in
 * {@code docs/SPEC.md}.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>rule</th></tr>
 *   <tr><td>host</td><td>{@code 0.0.0.0} (every interface)</td><td>not blank</td></tr>
 *   <tr><td>port</td><td>8080</td><td>0..65535; 0 picks a free port</td></tr>
 *   <tr><td>idleTimeout</td><td>30 s</td><td>positive</td></tr>
 *   <tr><td>requestHeaderTimeout</td><td>20 s</td><td>positive; a request line plus headers taking longer is cut off</td></tr>
 *   <tr><td>maxConnections</td><td>no limit</td><td>positive; past it, new connections wait to be accepted</td></tr>
 *   <tr><td>maxRequestsInFlight</td><td>10,000</td><td>positive; past it, a request gets 503 with {@code Retry-After}</td></tr>
 *   <tr><td>maxConcurrentStreams</td><td>100</td><td>positive; the HTTP/2 streams one connection may have open</td></tr>
 *   <tr><td>maxRequestHeaderSize</td><td>8 KiB</td><td>1 KiB..1 MiB; larger gets 431</td></tr>
 *   <tr><td>maxBodySize</td><td>10 MiB</td><td>limit of {@code body().bytes()}; larger gets 413</td></tr>
 *   <tr><td>asyncTimeout</td><td>30 s</td><td>positive; a stage still pending then gets 503</td></tr>
 *   <tr><td>stopTimeout</td><td>30 s</td><td>zero or positive; zero stops without draining</td></tr>
 *   <tr><td>quietPeriod</td><td>zero</td><td>zero or positive; a stop first keeps serving this long while readiness says 503</td></tr>
 *   <tr><td>minThreads / maxThreads</td><td>8 / 200</td><td>1 &lt;= min &lt;= max, max &gt;= 8</td></tr>
 *   <tr><td>virtualThreads</td><td>false</td><td>true needs Java 21+</td></tr>
 *   <tr><td>tls</td><td>none (plain HTTP)</td><td>key store must be readable</td></tr>
 *   <tr><td>http2</td><td>true: h2c in clear text, h2 over TLS via ALPN</td><td></td></tr>
 *   <tr><td>stopAtShutdown</td><td>false</td><td>true stops gracefully on SIGTERM / JVM exit</td></tr>
 *   <tr><td>websocketHandler</td><td>none: upgrades go to the Ring handler</td><td>sees every WebSocket upgrade</td></tr>
 *   <tr><td>websocket</td><td>{@link WebSocketOptions#defaults()}</td><td>limits, timers, origins of WebSockets</td></tr>
 *   <tr><td>drainHooks</td><td>none</td><td>run in a graceful stop after HTTP has drained, before WebSockets close</td></tr>
 *   <tr><td>requestLog</td><td>none</td><td>{@link Builder#requestLog()} logs every exchange to SLF4J {@code io.jetring.access}</td></tr>
 *   <tr><td>observers</td><td>none</td><td>see every ended exchange, WebSocket messages and the live counts (metrics)</td></tr>
 *   <tr><td>jettyCustomizer</td><td>does nothing</td><td>called before start, the escape hatch</td></tr>
 * </table>
 *
 * @param host                 the interface to bind
 * @param port                 the port to bind
 * @param idleTimeout          how long a connection may sit without I/O
 * @param requestHeaderTimeout how long a client may take to send a request line and headers
 * @param maxConnections       the most connections served at once; empty for no limit
 * @param maxRequestsInFlight  the most requests being handled or answered at once, over all connections
 * @param maxConcurrentStreams the most HTTP/2 streams one client connection may have open at once
 * @param maxRequestHeaderSize the largest request line plus headers
 * @param maxBodySize          the largest body {@code RequestBody.bytes()} reads into memory
 * @param asyncTimeout         how long an async handler's stage may stay pending
 * @param stopTimeout          how long {@link JetServer#stop()} lets in-flight requests finish
 * @param quietPeriod          how long {@link JetServer#stop()} keeps accepting and serving, with readiness
 *                             at 503, before it drains
 * @param minThreads           the least number of worker threads kept
 * @param maxThreads           the most worker threads
 * @param virtualThreads       run sync handlers on virtual threads (Java 21+)
 * @param tls                  serve HTTPS with these settings
 * @param http2                also speak HTTP/2
 * @param stopAtShutdown       stop gracefully when the JVM shuts down
 * @param websocketHandler     accepts or rejects WebSocket upgrades on the same port (jet's {@code :websocket-handler})
 * @param websocket            the limits and timers of accepted WebSockets
 * @param drainHooks           called, in order, in a graceful stop once HTTP requests have drained; open
 *                             WebSockets are closed with {@code 1001} when all their stages have completed
 * @param requestLog           where one entry per ended exchange goes; empty for no request log
 * @param observers            see every ended exchange, WebSocket opens and messages, and the server's live counts
 * @param jettyCustomizer      called with the Jetty {@link Server} before it starts
 */
public record ServerOptions(
        String host,
        int port,
        Duration idleTimeout,
        Duration requestHeaderTimeout,
        OptionalInt maxConnections,
        int maxRequestsInFlight,
        int maxConcurrentStreams,
        DataSize maxRequestHeaderSize,
        DataSize maxBodySize,
        Duration asyncTimeout,
        Duration stopTimeout,
        Duration quietPeriod,
        int minThreads,
        int maxThreads,
        boolean virtualThreads,
        Optional<TlsOptions> tls,
        boolean http2,
        boolean stopAtShutdown,
        Optional<WebSocketHandler> websocketHandler,
        WebSocketOptions websocket,
        List<Supplier<CompletionStage<Void>>> drainHooks,
        Optional<RequestLog> requestLog,
        List<ServerObserver> observers,
        Consumer<Server> jettyCustomizer) {

    private static final ServerOptions DEFAULTS = new ServerOptions(
            "0.0.0.0", 8080, Duration.ofSeconds(30), Duration.ofSeconds(20), OptionalInt.empty(), 10_000, 100, DataSize.ofKibibytes(8), DataSize.ofMebibytes(10),
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ZERO, 8, 200, false, Optional.empty(), true, false,
            Optional.empty(), WebSocketOptions.defaults(), List.of(), Optional.empty(), List.of(), server -> { });

    /** Checks every rule that needs no look at the machine; {@link JetServer#run} checks the rest. */
    public ServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(requestHeaderTimeout, "requestHeaderTimeout");
        Objects.requireNonNull(maxConnections, "maxConnections");
        Objects.requireNonNull(maxRequestHeaderSize, "maxRequestHeaderSize");
        Objects.requireNonNull(maxBodySize, "maxBodySize");
        Objects.requireNonNull(asyncTimeout, "asyncTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(websocketHandler, "websocketHandler");
        Objects.requireNonNull(websocket, "websocket");
        drainHooks = List.copyOf(Objects.requireNonNull(drainHooks, "drainHooks"));
        Objects.requireNonNull(requestLog, "requestLog");
        observers = List.copyOf(Objects.requireNonNull(observers, "observers"));
        Objects.requireNonNull(jettyCustomizer, "jettyCustomizer");
        if (host.isBlank()) {
            throw InvalidOptionException.of("host", "\"" + host + "\"", "a host name or IP address");
        }
        if (port < 0 || port > 65535) {
            throw InvalidOptionException.of("port", port, "0..65535");
        }
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("requestHeaderTimeout", requestHeaderTimeout);
        if (maxConnections.isPresent() && maxConnections.getAsInt() < 1) {
            throw InvalidOptionException.of("maxConnections", maxConnections.getAsInt(), ">= 1");
        }
        if (maxRequestsInFlight < 1) {
            throw InvalidOptionException.of("maxRequestsInFlight", maxRequestsInFlight, ">= 1");
        }
        if (maxConcurrentStreams < 1) {
            throw InvalidOptionException.of("maxConcurrentStreams", maxConcurrentStreams, ">= 1");
        }
        requirePositive("asyncTimeout", asyncTimeout);
        if (stopTimeout.isNegative()) {
            throw InvalidOptionException.of("stopTimeout", stopTimeout, "zero or a positive duration");
        }
        if (quietPeriod.isNegative()) {
            throw InvalidOptionException.of("quietPeriod", quietPeriod, "zero or a positive duration");
        }
        if (maxRequestHeaderSize.bytes() < 1024 || maxRequestHeaderSize.bytes() > 1024 * 1024) {
            throw InvalidOptionException.of("maxRequestHeaderSize", maxRequestHeaderSize, "1 KiB..1 MiB");
        }
        if (maxBodySize.bytes() > Integer.MAX_VALUE - 8) {
            throw InvalidOptionException.of("maxBodySize", maxBodySize, "less than 2 GiB, the largest Java array");
        }
        if (minThreads < 1) {
            throw InvalidOptionException.of("minThreads", minThreads, ">= 1");
        }
        if (maxThreads < 8 || maxThreads < minThreads) {
            throw InvalidOptionException.of("maxThreads", maxThreads, ">= 8 and >= minThreads (" + minThreads + ")");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw InvalidOptionException.of(name, value, "a positive duration");
        }
        if (value.toMillis() < 1) {
            throw InvalidOptionException.of(name, value, "at least 1 ms");
        }
    }

    /** Every option at its default. */
    public static ServerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The ready-made request log of {@link Builder#requestLog()} (a line per exchange to the SLF4J
     * logger {@code io.jetring.access}), to compose with another sink:
     * {@code requestLog(ServerOptions.accessLog().andThen(entry -> …))}.
     */
    public static RequestLog accessLog() {
        return Slf4jRequestLog.INSTANCE;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder that starts from these options. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** These options with another port. */
    public ServerOptions withPort(int port) {
        return newBuilder().port(port).build();
    }

    /** Builds {@link ServerOptions}; {@link #build()} checks the rules. */
    public static final class Builder {
        private String host;
        private int port;
        private Duration idleTimeout;
        private Duration requestHeaderTimeout;
        private OptionalInt maxConnections;
        private int maxRequestsInFlight;
        private int maxConcurrentStreams;
        private DataSize maxRequestHeaderSize;
        private DataSize maxBodySize;
        private Duration asyncTimeout;
        private Duration stopTimeout;
        private Duration quietPeriod;
        private int minThreads;
        private int maxThreads;
        private boolean virtualThreads;
        private Optional<TlsOptions> tls;
        private boolean http2;
        private boolean stopAtShutdown;
        private Optional<WebSocketHandler> websocketHandler;
        private WebSocketOptions websocket;
        private List<Supplier<CompletionStage<Void>>> drainHooks;
        private Optional<RequestLog> requestLog;
        private List<ServerObserver> observers;
        private Consumer<Server> jettyCustomizer;

        private Builder(ServerOptions o) {
            host = o.host;
            port = o.port;
            idleTimeout = o.idleTimeout;
            requestHeaderTimeout = o.requestHeaderTimeout;
            maxConnections = o.maxConnections;
            maxRequestsInFlight = o.maxRequestsInFlight;
            maxConcurrentStreams = o.maxConcurrentStreams;
            maxRequestHeaderSize = o.maxRequestHeaderSize;
            maxBodySize = o.maxBodySize;
            asyncTimeout = o.asyncTimeout;
            stopTimeout = o.stopTimeout;
            quietPeriod = o.quietPeriod;
            minThreads = o.minThreads;
            maxThreads = o.maxThreads;
            virtualThreads = o.virtualThreads;
            tls = o.tls;
            http2 = o.http2;
            stopAtShutdown = o.stopAtShutdown;
            websocketHandler = o.websocketHandler;
            websocket = o.websocket;
            drainHooks = o.drainHooks;
            requestLog = o.requestLog;
            observers = o.observers;
            jettyCustomizer = o.jettyCustomizer;
        }

        /** The interface to bind: a host name or IP address; {@code 0.0.0.0} for all. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port to bind; 0 picks a free one ({@link JetServer#port()} tells which). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How long a connection may sit without I/O before it is closed. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * How long a client may take to send a request line and headers, from its first byte: slow
         * senders (slowloris) are disconnected after it, whatever the idle timeout.
         */
        public Builder requestHeaderTimeout(Duration requestHeaderTimeout) {
            this.requestHeaderTimeout = requestHeaderTimeout;
            return this;
        }

        /**
         * The most connections served at once. Past it the server stops accepting: a new connection
         * waits in the operating system's backlog until one closes (or the client gives up).
         */
        /** The most requests handled or answered at once; beyond it the server answers 503 with Retry-After. */
        public Builder maxRequestsInFlight(int maxRequestsInFlight) {
            this.maxRequestsInFlight = maxRequestsInFlight;
            return this;
        }

        /** The most HTTP/2 streams one connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS). */
        public Builder maxConcurrentStreams(int maxConcurrentStreams) {
            this.maxConcurrentStreams = maxConcurrentStreams;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = OptionalInt.of(maxConnections);
            return this;
        }

        /** No limit on connections (the default). */
        public Builder unlimitedConnections() {
            this.maxConnections = OptionalInt.empty();
            return this;
        }

        /** The largest request line plus headers; larger requests get 431. */
        public Builder maxRequestHeaderSize(DataSize size) {
            this.maxRequestHeaderSize = size;
            return this;
        }

        /** The largest body {@code RequestBody.bytes()} reads into memory; larger ones get 413. */
        public Builder maxBodySize(DataSize size) {
            this.maxBodySize = size;
            return this;
        }

        /** How long an async handler's stage may stay pending before the client gets 503. */
        public Builder asyncTimeout(Duration asyncTimeout) {
            this.asyncTimeout = asyncTimeout;
            return this;
        }

        /** How long a graceful stop waits for in-flight requests; zero stops at once. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        /**
         * How long a graceful stop keeps the server as it is, accepting and serving, while
         * {@code RequestContext.serverStopping()} is already true (so {@code Health.ready()} answers
         * 503): a load balancer that polls readiness notices and stops sending before the listener
         * closes. Then the drain proceeds within {@link #stopTimeout}. Zero (the default) drains at once.
         */
        public Builder quietPeriod(Duration quietPeriod) {
            this.quietPeriod = quietPeriod;
            return this;
        }

        /** The least number of worker threads kept alive. */
        public Builder minThreads(int minThreads) {
            this.minThreads = minThreads;
            return this;
        }

        /** The most worker threads; sync handlers beyond it wait in a queue. */
        public Builder maxThreads(int maxThreads) {
            this.maxThreads = maxThreads;
            return this;
        }

        /** Run sync handlers on virtual threads; needs Java 21 or later. */
        public Builder virtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
            return this;
        }

        /** Serve HTTPS with these settings. */
        public Builder tls(TlsOptions tls) {
            this.tls = Optional.of(tls);
            return this;
        }

        /** Also speak HTTP/2: h2c (upgrade or prior knowledge) in clear text, h2 via ALPN over TLS. */
        public Builder http2(boolean http2) {
            this.http2 = http2;
            return this;
        }

        /** Stop gracefully when the JVM shuts down (SIGTERM, SIGINT, {@code System.exit}). */
        public Builder stopAtShutdown(boolean stopAtShutdown) {
            this.stopAtShutdown = stopAtShutdown;
            return this;
        }

        /**
         * Serve WebSockets on the same port: {@code handler} sees every upgrade request and accepts or
         * rejects it; other requests still go to the Ring handler.
         */
        public Builder websocketHandler(WebSocketHandler handler) {
            this.websocketHandler = Optional.of(handler);
            return this;
        }

        /** The limits and timers of accepted WebSockets. */
        public Builder websocket(WebSocketOptions websocket) {
            this.websocket = websocket;
            return this;
        }

        /**
         * Adds a drain hook: in a graceful stop, once the HTTP requests in flight have finished, the
         * server calls {@code hook} and waits for its stage before it closes the open WebSockets with
         * {@code 1001} (all within the stop timeout). For layers over WebSockets that answer what
         * they have in flight first, such as RPC ({@code drainHook(rpcServer::drain)}). It must not block.
         */
        public Builder drainHook(Supplier<CompletionStage<Void>> hook) {
            Objects.requireNonNull(hook, "hook");
            List<Supplier<CompletionStage<Void>>> hooks = new ArrayList<>(drainHooks);
            hooks.add(hook);
            this.drainHooks = hooks;
            return this;
        }

        /** Replaces every drain hook with these (an empty list removes them). */
        public Builder drainHooks(List<Supplier<CompletionStage<Void>>> hooks) {
            this.drainHooks = hooks;
            return this;
        }

        /**
         * Logs every exchange, one line each in the Combined Log Format plus the duration and the
         * route template, at INFO to the SLF4J logger {@code io.jetring.access}: handler responses,
         * the server's own errors (400, 414, 431 before any handler runs), WebSocket upgrades and
         * their closes, aborted responses. See {@code docs/observability.md}.
         */
        public Builder requestLog() {
            return requestLog(accessLog());
        }

        /** Hands every ended exchange to {@code log} instead, as a {@link io.jetring.api.observe.RequestLogEntry}. */
        public Builder requestLog(RequestLog log) {
            this.requestLog = Optional.of(Objects.requireNonNull(log, "log"));
            return this;
        }

        /** No request log (the default). */
        public Builder noRequestLog() {
            this.requestLog = Optional.empty();
            return this;
        }

        /** Adds an observer, such as the metrics module's, that sees every exchange the server serves. */
        public Builder observer(ServerObserver observer) {
            Objects.requireNonNull(observer, "observer");
            List<ServerObserver> all = new ArrayList<>(observers);
            all.add(observer);
            this.observers = all;
            return this;
        }

        /** Replaces every observer with these (an empty list removes them). */
        public Builder observers(List<ServerObserver> observers) {
            this.observers = observers;
            return this;
        }

        /** The escape hatch: called with the Jetty server after jetring set it up, before it starts. */
        public Builder jettyCustomizer(Consumer<Server> jettyCustomizer) {
            this.jettyCustomizer = jettyCustomizer;
            return this;
        }

        /** The options; throws {@link InvalidOptionException} naming the first value that breaks a rule. */
        public ServerOptions build() {
            return new ServerOptions(host, port, idleTimeout, requestHeaderTimeout, maxConnections, maxRequestsInFlight,
                    maxConcurrentStreams, maxRequestHeaderSize, maxBodySize, asyncTimeout,
                    stopTimeout, quietPeriod, minThreads, maxThreads, virtualThreads, tls, http2, stopAtShutdown, websocketHandler,
                    websocket, drainHooks, requestLog, observers, jettyCustomizer);
        }
    }
}
