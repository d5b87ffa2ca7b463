package io.jetring.jetty.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the HTTP/1 connections of a connector with a periodic sweep (a few times per deadline,
 * at least once a second):
 * <ul>
 *   <li>cuts off clients that take longer than the deadline to send a request's line and headers
 *       (slowloris), which the idle timeout alone does not catch: it restarts with every byte. The
 *       deadline runs per request, from the first byte of its head; empty lines before a request
 *       line count as part of it;</li>
 *   <li>while the server drains, closes connections that wait for their next request, so a graceful
 *       stop need not wait out their idle timeout. (Jetty's own shutdown idle timeout would do that
 *       too, but it also fails requests in flight whose client paused for a second.)</li>
 * </ul>
 */
public final class ConnectionWatchdog extends AbstractLifeCycle implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.jetty.JetServer");

    private final AbstractConnector connector;
    private final BooleanSupplier draining;
    private final long deadlineNanos;
    private final long sweepMillis;
    private final Map<EndPoint, Head> heads = new ConcurrentHashMap<>();
    private volatile Scheduler.Task task;

    /** A request head seen in progress: the connection's count of requests before it, and since when. */
    private record Head(long requestsBefore, long since) {
    }

    /** A watchdog for {@code connector}'s connections; {@code draining} tells whether a graceful stop runs. */
    public ConnectionWatchdog(AbstractConnector connector, Duration deadline, BooleanSupplier draining) {
        this.connector = connector;
        this.draining = draining;
        this.deadlineNanos = deadline.toNanos();
        this.sweepMillis = Math.max(10, Math.min(1000, deadline.toMillis() / 4));
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task running = task;
        if (running != null) {
            running.cancel();
        }
        heads.clear();
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            task = connector.getScheduler().schedule(this, sweepMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void run() {
        try {
            sweep(System.nanoTime());
        } finally {
            schedule();
        }
    }

    private void sweep(long now) {
        heads.keySet().removeIf(endPoint -> !endPoint.isOpen());
        boolean closeIdle = draining.getAsBoolean();
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            HttpConnection http = http(endPoint.getConnection());
            if (http != null) {
                sweep(now, endPoint, http, closeIdle);
            }
        }
    }

    private void sweep(long now, EndPoint endPoint, HttpConnection http, boolean closeIdle) {
        HttpParser parser = http.getParser();
        if (!inRequestHead(parser)) {
            heads.remove(endPoint);
            if (closeIdle && idle(parser, endPoint)) {
                endPoint.close();
            }
            return;
        }
        // Keyed by the requests the connection has read so far: the next request's head starts afresh.
        long requestsBefore = http.getMessagesIn();
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

    private static HttpConnection http(Connection connection) {
        if (connection instanceof SslConnection ssl) {
            connection = ssl.getSslEndPoint().getConnection();
        }
        return connection instanceof HttpConnection http ? http : null;
    }
}
