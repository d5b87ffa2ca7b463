package io.jetring.metrics;

import io.jetring.api.observe.RequestLog;
import io.jetring.api.observe.RequestLogEntry;
import io.jetring.api.observe.ServerObserver;
import io.jetring.api.observe.ServerStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Micrometer metrics for a jetring server, as a {@link ServerObserver}: one line turns them on.
 *
 * <pre>{@code
 * JetringMetrics metrics = JetringMetrics.of(registry);
 * JetServer.run(app, ServerOptions.builder().observer(metrics).build());
 * new RingServlet(app, ServletOptions.defaults().withObserver(metrics));   // or in a servlet container
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code http.server.requests}</td><td>timer</td><td>{@code method}, {@code status} (class: {@code 2xx}),
 *       {@code outcome}, {@code route} (the template, never the raw path)</td></tr>
 *   <tr><td>{@code http.server.requests.active}</td><td>gauge</td><td>requests being handled or answered now</td></tr>
 *   <tr><td>{@code http.server.response.bytes}</td><td>counter</td><td>response body bytes sent, streams included</td></tr>
 *   <tr><td>{@code http.server.connections.open}</td><td>gauge</td><td>open client connections (JetServer only: a servlet container owns its connections)</td></tr>
 *   <tr><td>{@code websocket.sessions.open}</td><td>gauge</td><td>open WebSockets</td></tr>
 *   <tr><td>{@code websocket.sessions}</td><td>timer</td><td>{@code route}: how long each WebSocket lived</td></tr>
 *   <tr><td>{@code websocket.messages}</td><td>counter</td><td>{@code direction} ({@code in}, {@code out})</td></tr>
 *   <tr><td>{@code websocket.message.bytes}</td><td>counter</td><td>{@code direction}</td></tr>
 * </table>
 *
 * <p>Tag values stay few whatever clients send: {@code route} is the template a router recorded
 * ({@code /users/{id}}), or {@code none} when no route matched (a 404, an error the server made
 * before any handler ran); a method outside the standard ones is {@code OTHER}. {@code outcome} is
 * {@code INFORMATIONAL}, {@code SUCCESS}, {@code REDIRECTION}, {@code CLIENT_ERROR},
 * {@code SERVER_ERROR}, or {@code ABORTED} for a response cut off midway. Every meter takes the
 * {@linkplain #of(MeterRegistry, Iterable) common tags} given, if any. RPC calls are measured by
 * {@link RpcMetrics}.
 */
public final class JetringMetrics implements ServerObserver {
    /** The route tag of an exchange that no router matched. */
    public static final String NO_ROUTE = "none";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");
    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final String[] OUTCOMES = {"INFORMATIONAL", "SUCCESS", "REDIRECTION", "CLIENT_ERROR", "SERVER_ERROR"};

    private final MeterRegistry registry;
    private final Tags common;
    private final ConcurrentMap<Key, Timer> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> sessions = new ConcurrentHashMap<>();
    /** The gauges registered for the running server; under this object's lock. */
    private final List<Gauge> gauges = new ArrayList<>();
    private final Counter bytesSent;
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter bytesIn;
    private final Counter bytesOut;

    private record Key(String method, int statusClass, boolean aborted, String route) {
    }

    private JetringMetrics(MeterRegistry registry, Tags common) {
        this.registry = registry;
        this.common = common;
        this.bytesSent = Counter.builder("http.server.response.bytes").baseUnit("bytes")
                .description("Response body bytes sent").tags(common).register(registry);
        this.messagesIn = messages("in");
        this.messagesOut = messages("out");
        this.bytesIn = messageBytes("in");
        this.bytesOut = messageBytes("out");
    }

    /** Metrics in {@code registry}. */
    public static JetringMetrics of(MeterRegistry registry) {
        return of(registry, Tags.empty());
    }

    /** Metrics in {@code registry}, every meter tagged with {@code commonTags} as well (a server name). */
    public static JetringMetrics of(MeterRegistry registry, Iterable<Tag> commonTags) {
        return new JetringMetrics(Objects.requireNonNull(registry, "registry"),
                Tags.of(Objects.requireNonNull(commonTags, "commonTags")));
    }

    /**
     * The same HTTP metrics as a {@link RequestLog}, for an engine that takes a request log but no
     * observer: the timer and the bytes, without the gauges and the WebSocket meters. The servlet
     * bridge takes the observer itself ({@code ServletOptions.withObserver(metrics)}).
     */
    public RequestLog asRequestLog() {
        return this::exchanged;
    }

    private Counter messages(String direction) {
        return Counter.builder("websocket.messages").description("WebSocket messages")
                .tags(common).tag("direction", direction).register(registry);
    }

    private Counter messageBytes(String direction) {
        return Counter.builder("websocket.message.bytes").baseUnit("bytes").description("WebSocket message bytes")
                .tags(common).tag("direction", direction).register(registry);
    }

    @Override
    public synchronized void started(ServerStats stats) {
        // A registry keeps the first gauge of a name and tags: one left by an earlier server on this
        // registry would go on reading that server's counts.
        gauge(Gauge.builder("http.server.requests.active", stats, ServerStats::requestsInFlight)
                .description("Requests being handled or answered"));
        if (stats.openConnections().isPresent()) {
            gauge(Gauge.builder("http.server.connections.open", stats, s -> s.openConnections().orElse(0))
                    .description("Open client connections"));
        }
        gauge(Gauge.builder("websocket.sessions.open", stats, ServerStats::openWebSockets).description("Open WebSockets"));
    }

    private void gauge(Gauge.Builder<ServerStats> builder) {
        Gauge gauge = builder.tags(common).register(registry);
        if (!gauges.contains(gauge)) {
            registry.remove(gauge);
            gauge = builder.tags(common).register(registry);
        }
        gauges.add(gauge);
    }

    /** The server stopped: its gauges go, so that the registry never reads a stopped server. */
    @Override
    public synchronized void stopped() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }

    @Override
    public void exchanged(RequestLogEntry entry) {
        String route = entry.route().orElse(NO_ROUTE);
        if (entry.kind() == RequestLogEntry.Kind.WEBSOCKET_CLOSED) {
            sessions.computeIfAbsent(route, r -> Timer.builder("websocket.sessions")
                    .description("How long WebSockets lived").tags(common).tag("route", r).register(registry))
                    .record(entry.duration());
            return;
        }
        String method = METHODS.contains(entry.method()) ? entry.method() : "OTHER";
        int statusClass = Math.max(1, Math.min(5, entry.status() / 100));
        boolean aborted = entry.kind() == RequestLogEntry.Kind.ABORTED;
        requests.computeIfAbsent(new Key(method, statusClass, aborted, route), this::timer).record(entry.duration());
        if (entry.bytesSent() > 0) {
            bytesSent.increment(entry.bytesSent());
        }
    }

    private Timer timer(Key key) {
        return Timer.builder("http.server.requests").description("HTTP requests")
                .tags(common)
                .tag("method", key.method())
                .tag("status", STATUS_CLASSES[key.statusClass() - 1])
                .tag("outcome", key.aborted() ? "ABORTED" : OUTCOMES[key.statusClass() - 1])
                .tag("route", key.route())
                .register(registry);
    }

    @Override
    public void webSocketMessageIn(long bytes) {
        messagesIn.increment();
        bytesIn.increment(bytes);
    }

    @Override
    public void webSocketMessageOut(long bytes) {
        messagesOut.increment();
        bytesOut.increment(bytes);
    }

    @Override
    public String toString() {
        return "JetringMetrics[" + registry.getClass().getSimpleName() + "]";
    }
}
