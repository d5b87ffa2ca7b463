package io.jetring.servlet.internal;

import io.jetring.api.BadRequestException;
import io.jetring.api.Request;
import io.jetring.api.RingHandler;
import io.jetring.engine.Dispatch;
import io.jetring.engine.EngineTimer;
import io.jetring.servlet.ServletOptions;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The engine behind {@link io.jetring.servlet.RingServlet}: runs a {@link RingHandler} for each
 * servlet request. A sync handler runs on the container's thread and its response is written there
 * with blocking I/O. An async handler runs after {@code startAsync()}; a stage that is already
 * complete is written at once, a pending one when it completes (on a container thread), or 503
 * after the async timeout.
 */
public final class ServletBridge implements AutoCloseable {
    private final RingHandler handler;
    private final boolean async;
    private final ServletOptions options;
    /** Times pending stages; its thread starts with the first one (only async handlers have any). */
    private final EngineTimer timer = new EngineTimer("jetring-servlet-timeout");
    private final Observation observation;
    /** Every request's {@code RequestContext.serverStopping()}. */
    private final BooleanSupplier stopping;

    /** A bridge for {@code handler}; close it when the servlet is destroyed. */
    public ServletBridge(RingHandler handler, ServletOptions options) {
        this(handler, options, Observation.of(options.requestLog(), options.observers()));
    }

    /** A bridge for {@code handler} that reports to {@code observation}; close it when the servlet is destroyed. */
    public ServletBridge(RingHandler handler, ServletOptions options, Observation observation) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.observation = Objects.requireNonNull(observation, "observation");
        this.stopping = observation::stopping;
        this.async = handler.isAsync();
    }

    /** Serves one dispatch of the servlet. */
    public void service(HttpServletRequest servletRequest, HttpServletResponse servletResponse) throws IOException {
        if (servletRequest.getDispatcherType() == DispatcherType.ASYNC
                && servletRequest.getAttribute(Exchange.ABORT_ATTRIBUTE) != null) {
            servletRequest.removeAttribute(Exchange.ABORT_ATTRIBUTE);
            throw new ResponseAbortedException();
        }
        long begin = System.nanoTime();
        boolean observed = observation.active();
        if (observed) {
            observation.begin(servletRequest);
        }
        Exchange exchange = new Exchange(servletRequest, servletResponse, timer);
        boolean thrown = true;
        try {
            if (async) {
                serveAsync(exchange);
            } else {
                serveSync(exchange);
            }
            thrown = false;
        } finally {
            exchange.leaveService();
            if (observed) {
                ServletRequestLog.whenDone(observation, servletRequest, servletResponse, exchange, begin,
                        thrown);
            }
        }
    }

    private void serveSync(Exchange exchange) throws IOException {
        Request request = newRequest(exchange, false);
        if (request != null) {
            Dispatch.sync(handler, request, exchange);
        }
    }

    private void serveAsync(Exchange exchange) throws IOException {
        if (!exchange.startAsync()) {
            exchange.fail(new IllegalStateException(Exchange.ASYNC_UNSUPPORTED));
            return;
        }
        Request request = newRequest(exchange, true);
        if (request != null) {
            Dispatch.async(handler, request, exchange, options.asyncTimeout().toMillis());
        }
    }

    /** The request record, or null once a header that breaks jetring's rules has been answered with 400. */
    private Request newRequest(Exchange exchange, boolean nonBlocking) throws IOException {
        try {
            return exchange.newRequest(options.maxBodySize(), nonBlocking, stopping);
        } catch (BadRequestException e) {
            exchange.fail(e);
            return null;
        }
    }

    /**
     * Stops the timer and waits (up to a second) for its thread to end, so that a container that checks for
     * threads left behind by an undeployed application finds none. Pending stages are no longer timed.
     */
    @Override
    public void close() {
        timer.close();
    }
}
