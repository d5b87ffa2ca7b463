package io.jetring.jetty.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * Cuts off HTTP/1 clients that take longer than the deadline to send a request line and headers
 * (slowloris), which the idle timeout alone does not catch: it restarts with every byte. A sweep
 * runs a few times per deadline and closes every connection seen in the middle of the same
 * request head for longer than the deadline.
 */
public final class HeaderDeadline extends AbstractLifeCycle implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.jetty.JetServer");

    private final AbstractConnector connector;
    private final long deadlineNanos;
    private final long sweepMillis;
    private final Map<EndPoint, Long> midHeadSince = new ConcurrentHashMap<>();
    private volatile Scheduler.Task task;

    /** A watchdog for {@code connector}'s connections. */
    public HeaderDeadline(AbstractConnector connector, Duration deadline) {
        this.connector = connector;
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
        midHeadSince.clear();
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
        midHeadSince.keySet().removeIf(endPoint -> !endPoint.isOpen());
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            HttpConnection http = http(endPoint.getConnection());
            if (http == null || !inRequestHead(http)) {
                midHeadSince.remove(endPoint);
                continue;
            }
            long since = midHeadSince.computeIfAbsent(endPoint, e -> now);
            if (now - since > deadlineNanos) {
                midHeadSince.remove(endPoint);
                LOG.debug("closing {}: request head not complete within the request header timeout",
                        endPoint.getRemoteSocketAddress());
                endPoint.close(new TimeoutException("request header timeout"));
            }
        }
    }

    private static boolean inRequestHead(HttpConnection http) {
        // START is a connection waiting for its next request: the idle timeout governs it.
        return http.getParser().inHeaderState() && !http.getParser().isStart();
    }

    private static HttpConnection http(Connection connection) {
        if (connection instanceof SslConnection ssl) {
            connection = ssl.getSslEndPoint().getConnection();
        }
        return connection instanceof HttpConnection http ? http : null;
    }
}
