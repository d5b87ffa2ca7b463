package io.jetring.servlet.internal;

import java.io.IOException;

/**
 * Thrown out of {@code service()} to make the container abort a committed response: the body's
 * source failed half way, and the client must see a truncated body, not a clean end. The servlet
 * API has no abort; an exception after commit is how both Tomcat (it closes the connection at once)
 * and Jetty (it aborts the channel) are told.
 *
 * <p>The bridge has already logged the cause; the container logs this exception as well, so it
 * carries neither the cause nor a stack trace, only a pointer to that log line.
 */
final class ResponseAbortedException extends IOException {
    ResponseAbortedException() {
        super("response aborted: the body failed after the response was committed (cause logged by "
                + Log.LOGGER.getName() + ")");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
