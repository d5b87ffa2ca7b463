package io.jetring.jetty.internal;

import io.jetring.api.DataSize;
import io.jetring.api.Request;
import io.jetring.api.RingHandler;
import io.jetring.engine.Dispatch;
import io.jetring.api.BadRequestException;
import io.jetring.api.Response;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty core handler that runs a {@link RingHandler}. Its invocation type is fixed by the
 * handler's form: a sync handler is {@code BLOCKING} (Jetty dispatches it to a worker thread), an
 * async one {@code NON_BLOCKING} (Jetty may call it on the I/O thread, with no dispatch). An upgrade
 * request from an origin that {@code allowedOrigins} does not list is refused with 403 before the
 * handler sees it; a WebSocket response to any other is carried out by the {@link WebSocketUpgrader}.
 * A request that breaks the framing rules of {@link MalformedRequests} is refused before anything else.
 */
public final class RingCoreHandler extends Handler.Abstract {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.jetring.jetty.JetServer");

    private final RingHandler handler;
    private final boolean async;
    private final DataSize maxBodySize;
    private final long asyncTimeoutMillis;
    private final BooleanSupplier draining;
    private final Executor blockingExecutor;
    private final WebSocketUpgrader websockets;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final BooleanSupplier stopping;
    private final boolean observed;

    /**
     * A Jetty handler for {@code handler}; {@code draining} tells whether a graceful stop is under way
     * (requests in flight are then bounded by the stop timeout, not the idle timeout);
     * {@code blockingExecutor} is every request's {@code RequestContext.blockingExecutor()}. Beyond
     * {@code maxInFlight} requests being handled or answered at once, a request gets 503 at once.
     * {@code stopping} is every request's {@code RequestContext.serverStopping()}; when
     * {@code observed}, every exchange is marked for the {@link AccessLog}.
     */
    public RingCoreHandler(RingHandler handler, DataSize maxBodySize, Duration asyncTimeout, BooleanSupplier draining,
                           Executor blockingExecutor, WebSocketUpgrader websockets, int maxInFlight,
                           BooleanSupplier stopping, boolean observed) {
        super(handler.isAsync() ? InvocationType.NON_BLOCKING : InvocationType.BLOCKING);
        this.handler = handler;
        this.async = handler.isAsync();
        this.maxBodySize = maxBodySize;
        this.asyncTimeoutMillis = asyncTimeout.toMillis();
        this.draining = draining;
        this.blockingExecutor = blockingExecutor;
        this.websockets = websockets;
        this.maxInFlight = maxInFlight;
        this.stopping = stopping;
        this.observed = observed;
    }

    /** Requests being handled or answered now. */
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public boolean handle(org.eclipse.jetty.server.Request jettyRequest, org.eclipse.jetty.server.Response jettyResponse,
                          Callback callback) {
        Optional<MalformedRequests.Refusal> malformed = MalformedRequests.check(jettyRequest);
        if (malformed.isPresent()) {
            refuse(jettyRequest, jettyResponse, callback, malformed.get());
            return true;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            refuse(jettyResponse, callback);
            return true;
        }
        AccessLog.Observed marked = observed ? AccessLog.observe(jettyRequest) : null;
        callback = new Released(callback, jettyResponse, marked);
        Exchange exchange = new Exchange(jettyRequest, jettyResponse, callback, !async, draining);
        Request request;
        try {
            request = Requests.from(jettyRequest, maxBodySize, new BodySource(jettyRequest, exchange), blockingExecutor,
                    stopping);
        } catch (BadRequestException e) {
            exchange.fail(e);
            return true;
        }
        if (marked != null) {
            marked.context = request.context();
        }
        if (request.isWebSocketUpgrade()) {
            if (!websockets.options().allowsOrigin(request.header("Origin"))) {
                LOG.debug("{}: WebSocket upgrade from origin {} refused (allowedOrigins: {})", request.path(),
                        request.header("Origin").orElse(""), websockets.options().allowedOrigins());
                exchange.respond(Response.text(403, "Forbidden: origin not allowed"));
                return true;
            }
            exchange.upgradesWith(websockets, request);
        }
        if (async) {
            Dispatch.async(handler, request, exchange, asyncTimeoutMillis);
        } else {
            Dispatch.sync(handler, request, exchange);
        }
        return true;
    }

    /**
     * 503 without running the handler: a server past its bound refuses cheaply instead of
     * taking memory it may not have. The client may retry after a second.
     */
    private static void refuse(org.eclipse.jetty.server.Response response, Callback callback) {
        response.setStatus(503);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        response.write(true, ByteBuffer.wrap(TOO_BUSY), callback);
    }

    /**
     * Answers a request that breaks the framing rules, before any handler and without reading its
     * body. An HTTP/1 connection is closed after it: what follows the body cannot be trusted.
     */
    private static void refuse(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                               Callback callback, MalformedRequests.Refusal refusal) {
        LOG.debug("{} {}: refused with {}: {}", request.getMethod(), request.getHttpURI().getPath(), refusal.status(),
                refusal.detail());
        response.setStatus(refusal.status());
        if (request.getConnectionMetaData().getHttpVersion().getVersion() < 20) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        PlainErrorHandler.write(response,
                refusal.status() + " " + PlainErrorHandler.reason(refusal.status()) + ": " + refusal.detail() + "\n", callback);
    }

    private static final byte[] TOO_BUSY =
            "503 Service Unavailable: too many requests in flight".getBytes(StandardCharsets.UTF_8);

    /**
     * The exchange's callback, counting the request out of flight once Jetty is done with it, and
     * marking for the request log a response that failed after its head was sent.
     */
    private final class Released extends Callback.Nested {
        private final AtomicInteger once = new AtomicInteger();
        private final org.eclipse.jetty.server.Response response;
        private final AccessLog.Observed marked;

        Released(Callback callback, org.eclipse.jetty.server.Response response, AccessLog.Observed marked) {
            super(callback);
            this.response = response;
            this.marked = marked;
        }

        @Override
        public void succeeded() {
            release();
            super.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            if (marked != null && (response.isCommitted() || Exchange.clientGone(failure))) {
                marked.aborted = true;
            }
            release();
            super.failed(failure);
        }

        private void release() {
            if (once.compareAndSet(0, 1)) {
                inFlight.decrementAndGet();
            }
        }
    }

    @Override
    public String toString() {
        return "RingCoreHandler[" + handler + "]";
    }
}
