package io.jetring.client.ws.internal;

import io.jetring.api.ws.WebSocketTimeoutException;
import io.jetring.client.ws.WebSocketUpgradeException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;

/** Turns the failure of a Jetty connect into the cause a user can act on. */
final class ConnectFailures {
    private ConnectFailures() {
    }

    /**
     * The root cause, unwrapped from Jetty's and the JDK's wrappers: an HTTP status becomes a
     * {@link WebSocketUpgradeException}, a timeout a {@link WebSocketTimeoutException}; refusals and
     * TLS failures stay as the JDK reports them.
     */
    static Throwable translate(Throwable failure, URI uri, Duration connectTimeout) {
        Throwable t = failure;
        while (true) {
            if (t instanceof UpgradeException upgrade && upgrade.getResponseStatusCode() > 0) {
                return new WebSocketUpgradeException(uri, upgrade.getResponseStatusCode(), upgrade);
            }
            if (t instanceof org.eclipse.jetty.websocket.core.exception.UpgradeException upgrade
                    && upgrade.getResponseStatusCode() > 0) {
                return new WebSocketUpgradeException(uri, upgrade.getResponseStatusCode(), upgrade);
            }
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return new WebSocketTimeoutException("connect " + uri + ": not open within connectTimeout ("
                        + connectTimeout + ")", t);
            }
            boolean wrapper = t instanceof UpgradeException
                    || t instanceof org.eclipse.jetty.websocket.core.exception.UpgradeException
                    || t instanceof ExecutionException || t instanceof CompletionException;
            if (!wrapper || t.getCause() == null || t.getCause() == t) {
                return t;
            }
            t = t.getCause();
        }
    }
}
