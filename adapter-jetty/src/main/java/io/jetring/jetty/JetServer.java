package io.jetring.jetty;

import io.jetring.api.InvalidOptionException;
import io.jetring.api.JetringException;
import io.jetring.api.RingHandler;
import io.jetring.engine.Upgrades;
import io.jetring.api.observe.ServerStats;
import io.jetring.jetty.internal.AccessLog;
import io.jetring.jetty.internal.ConnectionWatchdog;
import io.jetring.jetty.internal.GracefulStop;
import io.jetring.jetty.internal.PlainErrorHandler;
import io.jetring.jetty.internal.RingCoreHandler;
import io.jetring.jetty.internal.WebSocketUpgrader;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: {@link #run} starts one, and the instance is the handle to it.
 *
 * <pre>{@code
 * try (JetServer server = JetServer.run(request -> Response.ok("Hello, World!"),
 *                                        ServerOptions.builder().port(0).build())) {
 *     System.out.println(server.uri());
 * }
 * }</pre>
 *
 * <p>{@link #stop()} is graceful: readiness turns to 503 at once ({@link #isStopping()}), the server
 * goes on serving for the {@link ServerOptions#quietPeriod() quiet period} if there is one, then it
 * stops accepting, lets in-flight requests finish for up
 * to {@link ServerOptions#stopTimeout()}, answers requests that arrive meanwhile on open
 * connections with 503, runs the {@link ServerOptions#drainHooks() drain hooks}, then closes open
 * WebSockets with {@code 1001} and stops. {@link #close()} does the same, for try-with-resources.
 */
public final class JetServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JetServer.class);

    private final Server server;
    private final ServerOptions options;
    private final int port;
    private final URI uri;
    private final Stats stats;
    /** Held by {@link #stop()} for the whole stop: a second caller waits for it to end. */
    private final Object stopLock = new Object();
    private volatile Thread shutdownHook;

    private JetServer(Server server, ServerConnector connector, ServerOptions options, Stats stats) {
        this.server = server;
        this.options = options;
        this.stats = stats;
        this.port = connector.getLocalPort();
        String host = options.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        this.uri = URI.create((options.tls().isPresent() ? "https" : "http") + "://" + host + ":" + port + "/");
    }

    /** Serves {@code handler} with the default options (port 8080). */
    public static JetServer run(RingHandler handler) {
        return run(handler, ServerOptions.defaults());
    }

    /**
     * Serves {@code handler} with {@code options} and returns once the server accepts connections.
     *
     * @throws InvalidOptionException if an option cannot work on this machine (a key store that is
     *                                not there, virtual threads before Java 21)
     * @throws JetringException       if the server cannot start (the port is taken, …)
     */
    public static JetServer run(RingHandler handler, ServerOptions options) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        checkMachine(options);

        QueuedThreadPool threads = new QueuedThreadPool(options.maxThreads(), options.minThreads());
        threads.setName("jetring");
        if (options.virtualThreads()) {
            threads.setVirtualThreadsExecutor(VirtualThreads.getDefaultVirtualThreadsExecutor());
        }
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, connectionFactories(options));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(options.idleTimeout().toMillis());
        // Requests in flight during a graceful stop keep the connection's idle timeout: Jetty's 1 s
        // shutdown idle timeout would fail any whose client paused. Idle connections are closed by the watchdog.
        connector.setShutdownIdleTimeout(-1);
        server.addConnector(connector);
        GracefulHandler graceful = new GracefulHandler();
        connector.addBean(new ConnectionWatchdog(connector, options.requestHeaderTimeout()));
        options.maxConnections().ifPresent(max -> server.addBean(new NetworkConnectionLimit(max, server)));
        server.setErrorHandler(new PlainErrorHandler());

        // Every request may be answered with a WebSocket response; the root WebSocket handler is
        // the shorthand for an application without routing, in front of the Ring handler.
        Optional<AccessLog> accessLog = AccessLog.of(options.requestLog(), options.observers());
        accessLog.ifPresent(server::setRequestLog);
        WebSocketUpgrader websockets = WebSocketUpgrader.install(server, options.websocket(), graceful::isShutdown,
                accessLog);
        server.addBean(new GracefulStop(graceful, options.stopTimeout(), options.drainHooks(), websockets::closeAll));
        RingHandler app = options.websocketHandler()
                .map(ws -> Upgrades.withWebSocketHandler(handler, ws))
                .orElse(handler);
        Executor blocking = options.virtualThreads() ? VirtualThreads.getVirtualThreadsExecutor(threads) : threads;
        Stats stats = new Stats(connector, graceful, websockets);
        RingCoreHandler core = new RingCoreHandler(app, options.maxBodySize(), options.asyncTimeout(),
                graceful::isShutdown, blocking, websockets, options.maxRequestsInFlight(), stats::stopping,
                accessLog.isPresent());
        stats.core = core;
        graceful.setHandler(core);
        accessLog.ifPresent(log -> {
            log.started(stats);
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStopped(LifeCycle event) {
                    log.stopped();
                }
            });
        });
        server.setHandler(graceful);
        server.setStopTimeout(options.stopTimeout().toMillis());
        // Jetty's own shutdown hook would skip the quiet period: with one, JetServer stops itself.
        server.setStopAtShutdown(options.stopAtShutdown() && options.quietPeriod().isZero());
        options.jettyCustomizer().accept(server);

        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new JetringException("could not start on " + options.host() + ":" + options.port() + ": " + e, e);
        }
        JetServer running = new JetServer(server, connector, options, stats);
        if (options.stopAtShutdown() && !options.quietPeriod().isZero()) {
            running.addShutdownHook();
        }
        LOG.info("serving {} ({} handler)", running.uri(), handler.isAsync() ? "async" : "sync");
        return running;
    }

    private static void checkMachine(ServerOptions options) {
        if (options.virtualThreads() && !VirtualThreads.areSupported()) {
            throw InvalidOptionException.of("virtualThreads", true,
                    "false on Java " + Runtime.version().feature() + "; virtual threads need Java 21 or later");
        }
        options.tls().ifPresent(tls -> {
            if (!Files.isReadable(tls.keyStore())) {
                throw InvalidOptionException.of("tls.keyStore", tls.keyStore(), "a readable key store file");
            }
            tls.trustStore().ifPresent(trust -> {
                if (!Files.isReadable(trust)) {
                    throw InvalidOptionException.of("tls.trustStore", trust, "a readable trust store file");
                }
            });
        });
    }

    private static ConnectionFactory[] connectionFactories(ServerOptions options) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(options.maxRequestHeaderSize().toIntBytes());
        List<ConnectionFactory> factories = new ArrayList<>();
        if (options.tls().isEmpty()) {
            factories.add(new HttpConnectionFactory(http));
            if (options.http2()) {
                HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(http);
                // WebSockets upgrade over HTTP/1.1 only: RFC 8441 streams would count as HTTP
                // requests in flight and hold a graceful stop for its whole timeout.
                h2c.setConnectProtocolEnabled(false);
                h2c.setMaxConcurrentStreams(options.maxConcurrentStreams());
                factories.add(h2c);
            }
            return factories.toArray(ConnectionFactory[]::new);
        }
        TlsOptions tls = options.tls().get();
        http.setSecureScheme("https");
        http.addCustomizer(new SecureRequestCustomizer());
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keyStore().toAbsolutePath().toString());
        ssl.setKeyStorePassword(tls.keyStorePassword());
        ssl.setKeyStoreType(tls.keyStoreType());
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        tls.trustStore().ifPresent(trust -> {
            ssl.setTrustStorePath(trust.toAbsolutePath().toString());
            ssl.setTrustStorePassword(tls.trustStorePassword().orElse(""));
            ssl.setTrustStoreType(tls.keyStoreType());
        });
        ssl.setNeedClientAuth(tls.clientAuth() == ClientAuth.NEED);
        ssl.setWantClientAuth(tls.clientAuth() == ClientAuth.WANT);
        HttpConnectionFactory http11 = new HttpConnectionFactory(http);
        if (options.http2()) {
            ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
            alpn.setDefaultProtocol(http11.getProtocol());
            factories.add(new SslConnectionFactory(ssl, alpn.getProtocol()));
            factories.add(alpn);
            HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
            h2.setConnectProtocolEnabled(false);
            h2.setMaxConcurrentStreams(options.maxConcurrentStreams());
            factories.add(h2);
        } else {
            factories.add(new SslConnectionFactory(ssl, http11.getProtocol()));
        }
        factories.add(http11);
        return factories.toArray(ConnectionFactory[]::new);
    }

    /** The port the server is bound to (the chosen one when the option was 0). */
    public int port() {
        return port;
    }

    /** The base URI, such as {@code http://localhost:8080/}; {@code localhost} when bound to every interface. */
    public URI uri() {
        return uri;
    }

    /** The options the server runs with. */
    public ServerOptions options() {
        return options;
    }

    /** The server's live counts: requests in flight, open connections and WebSockets, whether it is stopping. */
    public ServerStats stats() {
        return stats;
    }

    /** Whether the server is running (started and not yet stopped). */
    public boolean isRunning() {
        return server.isRunning();
    }

    /** Whether a graceful stop has begun (its quiet period or its drain); readiness answers 503 from then on. */
    public boolean isStopping() {
        return stats.stopping();
    }

    /**
     * Stops gracefully: readiness turns to 503 at once ({@code RequestContext.serverStopping()});
     * for the {@linkplain ServerOptions#quietPeriod() quiet period} the server still accepts and
     * serves; then no new connections, in-flight requests finish for up to the stop timeout, then
     * everything stops. Returns when stopped; does nothing if already stopped.
     */
    public void stop() {
        synchronized (stopLock) {
            if (server.isStopped()) {
                return;
            }
            stats.stopping = true;
            quietPeriod();
            drainAndStop();
        }
    }

    /** Keeps serving for the quiet period; an interrupt ends it early (and is kept for the caller). */
    private void quietPeriod() {
        long quietNanos = options.quietPeriod().toNanos();
        if (quietNanos == 0 || !server.isRunning()) {
            return;
        }
        LOG.info("stopping {}: readiness is 503, serving for the quiet period ({}) before draining", uri,
                options.quietPeriod());
        long deadline = System.nanoTime() + quietNanos;
        try {
            for (long left = quietNanos; left > 0; left = deadline - System.nanoTime()) {
                Thread.sleep(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("stopping {}: quiet period interrupted, draining now", uri);
        }
    }

    private void addShutdownHook() {
        Thread hook = new Thread(this::stop, "jetring-stop-" + port);
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
    }

    private void drainAndStop() {
        Thread hook = shutdownHook;
        if (hook != null && hook != Thread.currentThread()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The JVM is exiting: the hook is running or about to, and finds the server stopped.
            }
        }
        try {
            server.stop();
            LOG.info("stopped {}", uri);
        } catch (TimeoutException e) {
            // Jetty has stopped; what was still in flight after the stop timeout was cut off.
            LOG.warn("stopped {} after the stop timeout ({}) with requests still in flight", uri, options.stopTimeout());
        } catch (Exception e) {
            throw new JetringException("stopping the server failed: " + e, e);
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** The live counts, read from the connector, the handler and the WebSocket drain. */
    private static final class Stats implements ServerStats {
        private final ServerConnector connector;
        private final GracefulHandler graceful;
        private final WebSocketUpgrader websockets;
        private volatile RingCoreHandler core;
        private volatile boolean stopping;

        Stats(ServerConnector connector, GracefulHandler graceful, WebSocketUpgrader websockets) {
            this.connector = connector;
            this.graceful = graceful;
            this.websockets = websockets;
        }

        @Override
        public int requestsInFlight() {
            RingCoreHandler handler = core;
            return handler == null ? 0 : handler.inFlight();
        }

        @Override
        public OptionalInt openConnections() {
            return OptionalInt.of(connector.getConnectedEndPoints().size());
        }

        @Override
        public int openWebSockets() {
            return websockets.open();
        }

        @Override
        public boolean stopping() {
            return stopping || graceful.isShutdown();
        }

        @Override
        public String toString() {
            return "ServerStats[" + requestsInFlight() + " requests in flight, " + openConnections().getAsInt()
                    + " connections, " + openWebSockets() + " WebSockets" + (stopping() ? ", stopping" : "") + "]";
        }
    }

    @Override
    public String toString() {
        return "JetServer[" + (isRunning() ? uri() : "stopped") + "]";
    }
}
