package io.jetring.jetty.internal;

import io.jetring.api.RequestContext;
import io.jetring.api.observe.RequestLog;
import io.jetring.api.observe.RequestLogEntry;
import io.jetring.api.observe.ServerObserver;
import io.jetring.api.observe.ServerStats;
import io.jetring.engine.ws.ConnectionObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    private final ServerObserver[] observers;

    private AccessLog(List<ServerObserver> observers) {
        this.observers = observers.toArray(ServerObserver[]::new);
    }

    /** A log for {@code requestLog} and {@code observers}; empty when there is neither. */
    public static Optional<AccessLog> of(Optional<RequestLog> requestLog, List<ServerObserver> observers) {
        List<ServerObserver> all = new ArrayList<>();
        requestLog.ifPresent(log -> all.add(new ServerObserver() {
            @Override
            public void exchanged(RequestLogEntry entry) {
                log.log(entry);
            }
        }));
        all.addAll(observers);
        return all.isEmpty() ? Optional.empty() : Optional.of(new AccessLog(all));
    }

    /** Hands the server's live counts to every observer. */
    public void started(ServerStats stats) {
        for (ServerObserver observer : observers) {
            try {
                observer.started(stats);
            } catch (RuntimeException e) {
                LOG.warn("a server observer failed in started()", e);
            }
        }
    }

    /** The server stopped (or failed to start): every observer is told. */
    public void stopped() {
        for (ServerObserver observer : observers) {
            try {
                observer.stopped();
            } catch (RuntimeException e) {
                LOG.warn("a server observer failed in stopped()", e);
            }
        }
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
        long begin = request.getBeginNanoTime();
        // The upgrade's fields, read now while the request is live; the entry itself is reported at the close.
        RequestLogEntry upgrade = entry(request, RequestLogEntry.Kind.RESPONSE, 101, 0, Duration.ZERO,
                Optional.empty(), OptionalInt.empty());
        return new ConnectionObserver() {
            @Override
            public void opened() {
                for (ServerObserver observer : observers) {
                    try {
                        observer.webSocketOpened();
                    } catch (RuntimeException e) {
                        LOG.warn("a server observer failed in webSocketOpened()", e);
                    }
                }
            }

            @Override
            public void messageIn(long bytes) {
                for (ServerObserver observer : observers) {
                    try {
                        observer.webSocketMessageIn(bytes);
                    } catch (RuntimeException e) {
                        LOG.warn("a server observer failed in webSocketMessageIn()", e);
                    }
                }
            }

            @Override
            public void messageOut(long bytes) {
                for (ServerObserver observer : observers) {
                    try {
                        observer.webSocketMessageOut(bytes);
                    } catch (RuntimeException e) {
                        LOG.warn("a server observer failed in webSocketMessageOut()", e);
                    }
                }
            }

            @Override
            public void closed(int code) {
                exchanged(new RequestLogEntry(RequestLogEntry.Kind.WEBSOCKET_CLOSED, upgrade.time(),
                        upgrade.remoteAddress(), upgrade.method(), upgrade.target(), upgrade.protocol(), 101, 0,
                        upgrade.referer(), upgrade.userAgent(), Duration.ofNanos(NanoTime.since(begin)), route(context),
                        OptionalInt.of(code)));
            }
        };
    }

    private void exchanged(RequestLogEntry entry) {
        for (ServerObserver observer : observers) {
            try {
                observer.exchanged(entry);
            } catch (RuntimeException e) {
                LOG.warn("a request log or server observer failed", e);
            }
        }
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
