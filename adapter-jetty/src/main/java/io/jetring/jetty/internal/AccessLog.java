package io.jetring.jetty.internal;

import io.jetring.api.RequestContext;
import io.jetring.api.observe.RequestLog;
import io.jetring.api.observe.RequestLogEntry;
import io.jetring.api.observe.ServerObserver;
import io.jetring.api.observe.ServerStats;
import io.jetring.engine.Observers;
import io.jetring.engine.ws.ConnectionObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's request log and the feed of its observers. Installed as Jetty's request log, it sees
 * every exchange once it ends, those the Ring handler answered and those Jetty answered itself (a
 * malformed request, 414, 431) alike; {@link RingCoreHandler} marks the exchanges it runs with an
 * {@link Observed}, which carries the route a router recorded and whether the response was cut off.
 * WebSockets report their close through {@link #webSocket}.
 */
public final class AccessLog implements org.eclipse.jetty.server.RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.jetty.JetServer");
    static final String ATTRIBUTE = "io.jetring.observed";
    private static final Runnable NOTHING = () -> { };

    private final Observers observers;

    private AccessLog(Observers observers) {
        this.observers = observers;
    }

    /** A log for {@code requestLog} and {@code observers}; empty when there is neither. */
    public static Optional<AccessLog> of(Optional<RequestLog> requestLog, List<ServerObserver> observers) {
        Observers all = Observers.of(requestLog, observers, LOG::warn);
        return all.isEmpty() ? Optional.empty() : Optional.of(new AccessLog(all));
    }

    /** Hands the server's live counts to every observer. */
    public void started(ServerStats stats) {
        observers.started(stats);
    }

    /** The server stopped (or failed to start): every observer is told. */
    public void stopped() {
        observers.stopped();
    }

    /** What {@link RingCoreHandler} knows of an exchange it runs. */
    static final class Observed {
        volatile RequestContext context;
        volatile boolean aborted;
    }

    /** Marks {@code request} as run by the Ring handler. */
    static Observed observe(Request request) {
        Observed observed = new Observed();
        request.setAttribute(ATTRIBUTE, observed);
        return observed;
    }

    @Override
    public void log(Request request, Response response) {
        Observed observed = request.getAttribute(ATTRIBUTE) instanceof Observed o ? o : null;
        RequestContext context = observed == null ? null : observed.context;
        RequestLogEntry.Kind kind = observed != null && observed.aborted
                ? RequestLogEntry.Kind.ABORTED : RequestLogEntry.Kind.RESPONSE;
        long nanos = NanoTime.since(request.getBeginNanoTime());
        exchanged(entry(request, kind, response.getStatus(), Response.getContentBytesWritten(response),
                Duration.ofNanos(nanos), route(context), OptionalInt.empty()));
    }

    /**
     * The observer of a WebSocket upgraded from {@code request}: it counts its messages and, when it
     * closes, reports a {@link RequestLogEntry.Kind#WEBSOCKET_CLOSED} entry with the close code and
     * the time from the upgrade request to the close.
     */
    ConnectionObserver webSocket(Request request, RequestContext context) {
        // The upgrade's fields, read now while the request is live; the entry itself is reported at the close.
        RequestLogEntry upgrade = entry(request, RequestLogEntry.Kind.RESPONSE, 101, 0, Duration.ZERO,
                Optional.empty(), OptionalInt.empty());
        return observers.webSocket(upgrade, request.getBeginNanoTime(), () -> route(context), NOTHING, NOTHING);
    }

    private void exchanged(RequestLogEntry entry) {
        observers.exchanged(entry);
    }

    private static Optional<String> route(RequestContext context) {
        return context == null ? Optional.empty() : context.routeTemplate();
    }

    private static RequestLogEntry entry(Request request, RequestLogEntry.Kind kind, int status, long bytes,
                                         Duration duration, Optional<String> route, OptionalInt closeCode) {
        HttpURI uri = request.getHttpURI();
        String target = uri == null ? null : uri.getPathQuery();
        String method = request.getMethod();
        String protocol = request.getConnectionMetaData().getProtocol();
        return new RequestLogEntry(kind, Instant.ofEpochMilli(Request.getTimeStamp(request)),
                Requests.remoteAddr(request), method == null ? "-" : method, target == null ? "-" : target,
                protocol == null ? "-" : protocol, status, bytes,
                Optional.ofNullable(request.getHeaders().get(HttpHeader.REFERER)),
                Optional.ofNullable(request.getHeaders().get(HttpHeader.USER_AGENT)), duration, route, closeCode);
    }
}
