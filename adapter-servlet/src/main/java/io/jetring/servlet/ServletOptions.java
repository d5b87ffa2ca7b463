package io.jetring.servlet;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import java.time.Duration;
import io.jetring.api.observe.RequestLog;
import io.jetring.api.observe.ServerObserver;
import io.jetring.servlet.internal.ServletRequestLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RingServlet} itself decides, as one immutable value. Everything else (port, TLS,
 * HTTP/2, header size limits, idle timeouts, thread pool, graceful stop) belongs to the container
 * and is configured there.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>init parameter</th><th>default</th><th>rule</th></tr>
 *   <tr><td>maxBodySize</td><td>{@code jetring.maxBodySize}</td><td>10 MiB</td>
 *       <td>limit of {@code body().bytes()}; larger gets 413; less than 2 GiB</td></tr>
 *   <tr><td>asyncTimeout</td><td>{@code jetring.asyncTimeout}</td><td>30 s</td>
 *       <td>positive, at least 1 ms; a stage still pending then gets 503</td></tr>
 *   <tr><td>requestLog</td><td></td><td>none</td>
 *       <td>one entry per exchange that reaches the servlet; the container's own log covers the rest</td></tr>
 *   <tr><td>observers</td><td></td><td>none</td>
 *       <td>see the same entries, the WebSockets of the jetring filter in front, and the servlet's live
 *       counts (metrics) from {@code init()} to {@code destroy()}</td></tr>
 * </table>
 *
 * @param maxBodySize  the largest body {@code RequestBody.bytes()} reads into memory
 * @param asyncTimeout how long an async handler's stage may stay pending
 * @param requestLog   where one entry per exchange that reached the servlet goes; empty for none
 * @param observers    see every entry of the request log, WebSocket opens and messages, and the live counts
 */
public record ServletOptions(DataSize maxBodySize, Duration asyncTimeout, Optional<RequestLog> requestLog,
                             List<ServerObserver> observers) {
    private static final ServletOptions DEFAULTS =
            new ServletOptions(DataSize.ofMebibytes(10), Duration.ofSeconds(30));

    /** Options without a request log. */
    public ServletOptions(DataSize maxBodySize, Duration asyncTimeout) {
        this(maxBodySize, asyncTimeout, Optional.empty());
    }

    /** Options without observers. */
    public ServletOptions(DataSize maxBodySize, Duration asyncTimeout, Optional<RequestLog> requestLog) {
        this(maxBodySize, asyncTimeout, requestLog, List.of());
    }

    /** Checks every rule; the messages name the option, the value and the rule. */
    public ServletOptions {
        Objects.requireNonNull(maxBodySize, "maxBodySize");
        Objects.requireNonNull(asyncTimeout, "asyncTimeout");
        Objects.requireNonNull(requestLog, "requestLog");
        observers = List.copyOf(Objects.requireNonNull(observers, "observers"));
        if (maxBodySize.bytes() > Integer.MAX_VALUE - 8) {
            throw InvalidOptionException.of("maxBodySize", maxBodySize, "less than 2 GiB, the largest Java array");
        }
        if (asyncTimeout.isNegative() || asyncTimeout.isZero()) {
            throw InvalidOptionException.of("asyncTimeout", asyncTimeout, "a positive duration");
        }
        if (asyncTimeout.toMillis() < 1) {
            throw InvalidOptionException.of("asyncTimeout", asyncTimeout, "at least 1 ms");
        }
    }

    /** Every option at its default: 10 MiB, 30 s. */
    public static ServletOptions defaults() {
        return DEFAULTS;
    }

    /** These options with another aggregation limit. */
    public ServletOptions withMaxBodySize(DataSize maxBodySize) {
        return new ServletOptions(maxBodySize, asyncTimeout, requestLog, observers);
    }

    /** These options with another async timeout. */
    public ServletOptions withAsyncTimeout(Duration asyncTimeout) {
        return new ServletOptions(maxBodySize, asyncTimeout, requestLog, observers);
    }

    /**
     * These options with the ready-made request log: one {@code RequestLogEntry.combined()} line per
     * exchange that reaches the servlet, at INFO to the JDK {@link System.Logger} {@code io.jetring.access}
     * (an SLF4J or Log4j platform-logger binding takes it from there). Bytes sent are those of the
     * {@code Content-Length} the response declared ({@code -} for a streamed body).
     */
    public ServletOptions withRequestLog() {
        return withRequestLog(accessLog());
    }

    /**
     * The ready-made request log of {@link #withRequestLog()}, to compose with another:
     * {@code withRequestLog(ServletOptions.accessLog().andThen(entry -> …))}. Metrics take the
     * entries as an observer instead ({@link #withObserver}), with the live counts.
     */
    public static RequestLog accessLog() {
        return ServletRequestLog.SYSTEM_LOGGER;
    }

    /** These options with every exchange that reaches the servlet handed to {@code log}. */
    public ServletOptions withRequestLog(RequestLog log) {
        return new ServletOptions(maxBodySize, asyncTimeout, Optional.of(Objects.requireNonNull(log, "log")), observers);
    }

    /**
     * These options with {@code observer} added, such as the metrics module's: it sees every entry of
     * the request log, the WebSockets that the jetring WebSocket filter in front of the servlet
     * carries out, and the servlet's live counts ({@link io.jetring.api.observe.ServerObserver#started}
     * in {@code init()}, {@link io.jetring.api.observe.ServerObserver#stopped} in {@code destroy()}).
     */
    public ServletOptions withObserver(ServerObserver observer) {
        Objects.requireNonNull(observer, "observer");
        List<ServerObserver> all = new ArrayList<>(observers);
        all.add(observer);
        return new ServletOptions(maxBodySize, asyncTimeout, requestLog, all);
    }
}
