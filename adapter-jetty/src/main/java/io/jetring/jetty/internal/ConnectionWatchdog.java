package io.jetring.jetty.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the connections of a connector with a periodic sweep (a few times per deadline, at least
 * once a second):
 * <ul>
 *   <li>cuts off HTTP/1 clients that take longer than the deadline to send a request's line and
 *       headers (slowloris), which the idle timeout alone does not catch: it restarts with every
 *       byte. The deadline runs per request, from the first byte of its head; empty lines before a
 *       request line count as part of it;</li>
 *   <li>once a graceful stop begins (Jetty calls {@link #shutdown()}), sweeps at once and then
 *       every {@value #DRAIN_SWEEP_MILLIS} ms, closing connections with no request in flight: HTTP/1
 *       ones that wait for their next request, HTTP/2 ones with no open stream (after a GOAWAY), so
 *       that a stop need not wait out their idle timeout. (Jetty's own shutdown idle timeout would
 *       do that too, but it also fails requests in flight whose client paused for a second.)</li>
 * </ul>
 */
public final class ConnectionWatchdog extends AbstractLifeCycle implements Runnable, Graceful {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.jetty.JetServer");
    private static final long DRAIN_SWEEP_MILLIS = 50;
    private static final String HTTP1_PACKAGE = "org.eclipse.jetty.server.internal";
    /**
     * Whether Jetty's HTTP/1 connection class can be reached: always on the class path; on the module
     * path only with {@code --add-exports org.eclipse.jetty.server/org.eclipse.jetty.server.internal=io.jetring.jetty}.
     */
    static final boolean HTTP1_VISIBLE = AbstractConnector.class.getModule()
            .isExported(HTTP1_PACKAGE, ConnectionWatchdog.class.getModule());

    private final AbstractConnector connector;
    private final long deadlineNanos;
    private final long sweepMillis;
    private final Map<EndPoint, Head> heads = new ConcurrentHashMap<>();
    private volatile boolean shutdown;
    private Scheduler.Task task;

    /** A request head seen in progress: the connection's count of requests before it, and since when. */
    private record Head(long requestsBefore, long since) {
    }

    /** A watchdog for {@code connector}'s connections with this request header deadline. */
    public ConnectionWatchdog(AbstractConnector connector, Duration deadline) {
        this.connector = connector;
        this.deadlineNanos = deadline.toNanos();
        this.sweepMillis = Math.max(10, Math.min(1000, deadline.toMillis() / 4));
    }

    @Override
    protected void doStart() {
        if (!HTTP1_VISIBLE) {
            LOG.warn("the request header deadline and the closing of idle HTTP/1 connections at stop are off:"
                    + " they need Jetty's {} package, which the module path hides; run with --add-exports"
                    + " org.eclipse.jetty.server/{}={}", HTTP1_PACKAGE, HTTP1_PACKAGE,
                    ConnectionWatchdog.class.getModule().isNamed() ? ConnectionWatchdog.class.getModule().getName() : "ALL-UNNAMED");
        }
        shutdown = false;
        schedule(sweepMillis);
    }

    @Override
    protected void doStop() {
        synchronized (this) {
            if (task != null) {
                task.cancel();
            }
        }
        heads.clear();
    }

    /** The graceful stop began: from now on idle connections are closed. Completes at once. */
    @Override
    public CompletableFuture<Void> shutdown() {
        shutdown = true;
        schedule(0);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    /** Replaces the pending sweep with one after {@code delayMillis}: one chain of sweeps at a time. */
    private synchronized void schedule(long delayMillis) {
        if (task != null) {
            task.cancel();
        }
        if (isRunning() || isStarting()) {
            task = connector.getScheduler().schedule(this, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void run() {
        try {
            sweep(System.nanoTime());
        } finally {
            schedule(shutdown ? DRAIN_SWEEP_MILLIS : sweepMillis);
        }
    }

    private void sweep(long now) {
        heads.keySet().removeIf(endPoint -> !endPoint.isOpen());
        boolean closeIdle = shutdown;
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            Connection connection = unwrap(endPoint.getConnection());
            if (HTTP1_VISIBLE && Http1.sweep(this, now, endPoint, connection, closeIdle)) {
                continue;
            }
            if (closeIdle && connection instanceof HTTP2Connection h2) {
                HTTP2Session session = h2.getSession();
                if (session.getStreamCount() == 0) {
                    // A last GOAWAY naming the last stream served, so that a request crossing it is known
                    // to be unprocessed and safe to retry; then the connection goes.
                    session.close(ErrorCode.NO_ERROR.code, "server stopping", Callback.from(session::disconnect));
                }
            }
        }
    }

    /**
     * The HTTP/1 part, which reads Jetty's parser through {@code org.eclipse.jetty.server.internal}:
     * loaded only where that package is visible, so that the module path cannot break the sweep.
     */
    private static final class Http1 {
        private Http1() {
        }

        /** Sweeps {@code connection} if it is an HTTP/1 one; says whether it was. */
        static boolean sweep(ConnectionWatchdog watchdog, long now, EndPoint endPoint, Connection connection,
                             boolean closeIdle) {
            if (!(connection instanceof HttpConnection http)) {
                return false;
            }
            watchdog.sweep(now, endPoint, http.getParser(), http.getMessagesIn(), closeIdle);
            return true;
        }
    }

    private void sweep(long now, EndPoint endPoint, HttpParser parser, long requestsBefore, boolean closeIdle) {
        if (!inRequestHead(parser)) {
            heads.remove(endPoint);
            if (closeIdle && idle(parser, endPoint)) {
                endPoint.close();
            }
            return;
        }
        // Keyed by the requests the connection has read so far: the next request's head starts afresh.
        Head head = heads.compute(endPoint, (e, seen) ->
                seen != null && seen.requestsBefore() == requestsBefore ? seen : new Head(requestsBefore, now));
        if (now - head.since() > deadlineNanos) {
            heads.remove(endPoint);
            LOG.debug("closing {}: request head not complete within the request header timeout",
                    endPoint.getRemoteSocketAddress());
            endPoint.close(new TimeoutException("request header timeout"));
        }
    }

    /** No request in flight: waiting for the next one, or done and half closed (a 503 while draining). */
    private static boolean idle(HttpParser parser, EndPoint endPoint) {
        return parser.isStart() || parser.isClose() || parser.isClosed() || endPoint.isOutputShutdown();
    }

    private static boolean inRequestHead(HttpParser parser) {
        // START with no byte is a connection waiting for its next request: the idle timeout governs it.
        // Empty lines before a request line leave the parser in START but count as header bytes.
        return parser.inHeaderState() && (!parser.isStart() || parser.getHeaderLength() > 0);
    }

    private static Connection unwrap(Connection connection) {
        if (connection instanceof SslConnection ssl) {
            return ssl.getSslEndPoint().getConnection();
        }
        return connection;
    }
}
