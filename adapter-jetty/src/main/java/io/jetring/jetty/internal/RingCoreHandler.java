package io.jetring.jetty.internal;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.BadRequestException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty core handler that runs a {@link RingHandler}. Its invocation type is fixed by the
 * handler's form: a sync handler is {@code BLOCKING} (Jetty dispatches it to a worker thread), an
 * async one {@code NON_BLOCKING} (Jetty may call it on the I/O thread, with no dispatch).
 */
public final class RingCoreHandler extends Handler.Abstract {
    private final RingHandler handler;
    private final boolean async;
    private final DataSize maxBodySize;
    private final long asyncTimeoutMillis;
    private final BooleanSupplier draining;

    /**
     * A Jetty handler for {@code handler}; {@code draining} tells whether a graceful stop is under way
     * (requests in flight are then bounded by the stop timeout, not the idle timeout).
     */
    public RingCoreHandler(RingHandler handler, DataSize maxBodySize, Duration asyncTimeout, BooleanSupplier draining) {
        super(handler.isAsync() ? InvocationType.NON_BLOCKING : InvocationType.BLOCKING);
        this.handler = handler;
        this.async = handler.isAsync();
        this.maxBodySize = maxBodySize;
        this.asyncTimeoutMillis = asyncTimeout.toMillis();
        this.draining = draining;
    }

    @Override
    public boolean handle(org.eclipse.jetty.server.Request jettyRequest, org.eclipse.jetty.server.Response jettyResponse,
                          Callback callback) {
        Exchange exchange = new Exchange(jettyRequest, jettyResponse, callback, !async, draining);
        Request request;
        try {
            request = Requests.from(jettyRequest, maxBodySize, exchange::idleTimeoutIsFatal);
        } catch (InvalidOptionException e) {
            exchange.fail(new BadRequestException(e.getMessage(), e));
            return true;
        }
        if (async) {
            handleAsync(exchange, request);
        } else {
            Response response;
            try {
                response = handler.handle(request);
            } catch (Throwable t) {
                exchange.fail(t);
                return true;
            }
            exchange.respond(response);
        }
        return true;
    }

    private void handleAsync(Exchange exchange, Request request) {
        CompletionStage<Response> stage;
        try {
            stage = handler.handleAsync(request);
        } catch (Throwable t) {
            exchange.fail(t);
            return;
        }
        if (stage == null) {
            exchange.respond(null);
            return;
        }
        CompletableFuture<Response> future = null;
        try {
            future = stage.toCompletableFuture();
        } catch (UnsupportedOperationException notSupported) {
            // A stage that cannot be viewed as a future is waited for like any pending one.
        }
        if (future != null && future.isDone()) {
            exchange.settle(future);
            return;
        }
        exchange.await(stage, asyncTimeoutMillis);
    }

    @Override
    public String toString() {
        return "RingCoreHandler[" + handler + "]";
    }
}
