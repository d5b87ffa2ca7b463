package io.jetring.jetty.internal;

import io.jetring.api.DataSize;
import io.jetring.api.Request;
import io.jetring.api.RingHandler;
import io.jetring.api.spi.Dispatch;
import io.jetring.api.BadRequestException;
import java.time.Duration;
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
        } catch (BadRequestException e) {
            exchange.fail(e);
            return true;
        }
        if (async) {
            Dispatch.async(handler, request, exchange, asyncTimeoutMillis);
        } else {
            Dispatch.sync(handler, request, exchange);
        }
        return true;
    }

    @Override
    public String toString() {
        return "RingCoreHandler[" + handler + "]";
    }
}
