package io.jetring.servlet.internal;

import io.jetring.api.Request;
import io.jetring.api.observe.RequestLog;
import io.jetring.api.observe.RequestLogEntry;
import io.jetring.api.observe.ServerObserver;
import io.jetring.api.observe.ServerStats;
import io.jetring.engine.Observers;
import io.jetring.engine.ws.ConnectionObserver;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one {@code RingServlet} reports while it is in service: its live counts (a
 * {@link ServerStats} without connections, which the container owns), its stopping flag, and the
 * feed of its request log and observers, as {@code JetServer}'s access log feeds its own. Counting
 * and the feed are on iff the servlet has a request log or an observer.
 *
 * <p>The servlet lends each request this observation ({@link #ATTRIBUTE}), so that the WebSocket
 * filter in front of it reports the WebSockets it carries out; a root {@code WebSocketHandler}'s
 * upgrades never reach a servlet, and are reported to the observation the context holds
 * ({@link #CONTEXT_ATTRIBUTE}: the first observed {@code RingServlet} of the context, once initialised).
 */
public final class Observation implements ServerStats, RequestLog {
    /** The request attribute under which the servlet lends its observation to the WebSocket filter. */
    public static final String ATTRIBUTE = Observation.class.getName();
    /** The servlet context attribute of the observation that a root WebSocket handler's upgrades report to. */
    public static final String CONTEXT_ATTRIBUTE = Observation.class.getName() + ".context";

    private final Observers observers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger webSockets = new AtomicInteger();
    private volatile boolean stopping;

    private Observation(Observers observers) {
        this.observers = observers;
    }

    /** The observation of a servlet with {@code requestLog} and {@code observers}. */
    public static Observation of(Optional<RequestLog> requestLog, List<ServerObserver> observers) {
        return new Observation(Observers.of(requestLog, observers,
                (message, failure) -> Log.LOGGER.log(Level.WARNING, message, failure)));
    }

    /** Whether anything sees the exchanges: a request log or an observer. */
    public boolean active() {
        return !observers.isEmpty();
    }

    /** Hands the live counts to every observer: the servlet is in service. */
    public void started() {
        observers.started(this);
    }

    /** Readiness answers 503 from now on ({@code RequestContext.serverStopping()}); cannot be undone. */
    public void beginStop() {
        stopping = true;
    }

    /** The servlet is out of service: stopping, and every observer is told (its gauges go). */
    public void stopped() {
        stopping = true;
        observers.stopped();
    }

    /** An exchange reached the servlet: counted in flight until its entry is {@linkplain #log logged}. */
    void begin(ServletRequest request) {
        inFlight.incrementAndGet();
        request.setAttribute(ATTRIBUTE, this);
    }

    /** The entry of an exchange {@link #begin} counted: it is no longer in flight, and everyone sees it. */
    @Override
    public void log(RequestLogEntry entry) {
        inFlight.decrementAndGet();
        exchanged(entry);
    }

    private void exchanged(RequestLogEntry entry) {
        observers.exchanged(entry);
    }

    /**
     * The observer of a WebSocket about to be upgraded from {@code request}: the observation the
     * servlet lent the request, else the context's; {@link ConnectionObserver#NONE} when there is none.
     */
    static ConnectionObserver webSocket(HttpServletRequest servletRequest, Request request) {
        Object lent = servletRequest.getAttribute(ATTRIBUTE);
        if (!(lent instanceof Observation)) {
            lent = servletRequest.getServletContext().getAttribute(CONTEXT_ATTRIBUTE);
        }
        return lent instanceof Observation observation && observation.active()
                ? observation.webSocket(servletRequest, request.context().routeTemplate())
                : ConnectionObserver.NONE;
    }

    private ConnectionObserver webSocket(HttpServletRequest request, Optional<String> route) {
        long begin = System.nanoTime();
        Instant time = Instant.now();
        String query = request.getQueryString();
        // The upgrade's fields, read now while the request is live; the entry is reported at the close.
        String remote = String.valueOf(request.getRemoteAddr());
        String method = request.getMethod();
        String target = request.getRequestURI() + (query == null ? "" : "?" + query);
        String protocol = request.getProtocol();
        Optional<String> referer = Optional.ofNullable(request.getHeader("Referer"));
        Optional<String> userAgent = Optional.ofNullable(request.getHeader("User-Agent"));
        RequestLogEntry upgrade = new RequestLogEntry(RequestLogEntry.Kind.RESPONSE, time, remote, method, target,
                protocol, 101, 0, referer, userAgent, Duration.ZERO, route, OptionalInt.empty());
        return observers.webSocket(upgrade, begin, () -> route, webSockets::incrementAndGet,
                webSockets::decrementAndGet);
    }

    @Override
    public int requestsInFlight() {
        return inFlight.get();
    }

    /** Always empty: the container owns the connections, and the Servlet API does not show them. */
    @Override
    public OptionalInt openConnections() {
        return OptionalInt.empty();
    }

    @Override
    public int openWebSockets() {
        return webSockets.get();
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    @Override
    public String toString() {
        return "ServerStats[" + requestsInFlight() + " requests in flight, " + openWebSockets() + " WebSockets"
                + (stopping() ? ", stopping" : "") + "]";
    }
}
