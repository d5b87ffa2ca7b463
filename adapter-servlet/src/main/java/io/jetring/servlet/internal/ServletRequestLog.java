package io.jetring.servlet.internal;

import io.jetring.api.Request;
import io.jetring.api.observe.RequestLog;
import io.jetring.api.observe.RequestLogEntry;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The bridge's request log: one entry per exchange that reached the servlet, once it ends (at the
 * end of {@code service()}, or when an async exchange completes). What the container answers itself
 * never reaches the servlet: its own access log covers that.
 */
public final class ServletRequestLog {
    /** The ready-made log: {@link RequestLogEntry#combined()} lines at INFO to the JDK logger {@code io.jetring.access}. */
    public static final RequestLog SYSTEM_LOGGER = new RequestLog() {
        private final System.Logger access = System.getLogger("io.jetring.access");

        @Override
        public void log(RequestLogEntry entry) {
            if (access.isLoggable(Level.INFO)) {
                access.log(Level.INFO, entry.combined());
            }
        }

        @Override
        public String toString() {
            return "RequestLog[System.Logger io.jetring.access]";
        }
    };

    private ServletRequestLog() {
    }

    /** Logs the exchange now, or when it completes if it went async. */
    static void whenDone(RequestLog log, HttpServletRequest request, HttpServletResponse response, Exchange exchange,
                         long beginNanos, boolean thrown) {
        Instant time = Instant.now().minusNanos(System.nanoTime() - beginNanos);
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new AsyncListener() {
                private volatile boolean failed;

                @Override
                public void onComplete(AsyncEvent event) {
                    log(log, request, response, exchange, time, beginNanos, failed || exchange.aborted());
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                }

                @Override
                public void onError(AsyncEvent event) {
                    failed = response.isCommitted();
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                }
            });
            return;
        }
        log(log, request, response, exchange, time, beginNanos, thrown || exchange.aborted());
    }

    private static void log(RequestLog log, HttpServletRequest request, HttpServletResponse response,
                            Exchange exchange, Instant time, long beginNanos, boolean aborted) {
        Request record = exchange.record();
        String query = request.getQueryString();
        String length = response.getHeader("Content-Length");
        long bytes = -1;
        if (length != null) {
            try {
                bytes = Long.parseLong(length.trim());
            } catch (NumberFormatException notANumber) {
                bytes = -1;
            }
        }
        RequestLogEntry entry = new RequestLogEntry(
                aborted ? RequestLogEntry.Kind.ABORTED : RequestLogEntry.Kind.RESPONSE, time,
                String.valueOf(request.getRemoteAddr()), request.getMethod(),
                request.getRequestURI() + (query == null ? "" : "?" + query), request.getProtocol(),
                response.getStatus(), bytes, Optional.ofNullable(request.getHeader("Referer")),
                Optional.ofNullable(request.getHeader("User-Agent")), Duration.ofNanos(System.nanoTime() - beginNanos),
                record == null ? Optional.empty() : record.context().routeTemplate(), OptionalInt.empty());
        try {
            log.log(entry);
        } catch (RuntimeException e) {
            Log.LOGGER.log(Level.WARNING, "the request log failed", e);
        }
    }
}
