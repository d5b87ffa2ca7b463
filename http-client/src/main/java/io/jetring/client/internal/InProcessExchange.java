package io.jetring.client.internal;

import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.engine.EngineExchange;
import io.jetring.engine.EngineTimer;
import io.jetring.engine.ErrorAnswer;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-process request as {@link io.jetring.engine.Dispatch} runs it. Settling it once (response,
 * failure or the async timeout's 503) and the failure rules are {@link EngineExchange}'s; this hands
 * the response a server would send to {@code deliver}. Nothing is ever committed here: a body that
 * fails midway fails the client's read of it, as a cut connection would.
 */
final class InProcessExchange extends EngineExchange<RuntimeException> {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.client.JetClient");

    private final Request request;
    private final String call;
    private final EngineTimer timer;
    private final Consumer<Response> deliver;

    InProcessExchange(Request request, String call, EngineTimer timer, Consumer<Response> deliver) {
        this.request = request;
        this.call = call;
        this.timer = timer;
        this.deliver = deliver;
    }

    @Override
    protected Cancellable scheduleTimeout(long timeoutMillis) {
        try {
            Future<?> due = timer.schedule(() -> timeOut(timeoutMillis), timeoutMillis);
            return () -> due.cancel(false);
        } catch (RejectedExecutionException closed) {
            // The client is closing: nothing times the stage; the call's own timeout still ends it.
            return () -> { };
        }
    }

    @Override
    protected void write(Response response) throws Exception {
        deliver.accept(InProcessResponses.asSent(request, response));
    }

    @Override
    protected void writeError(ErrorAnswer answer) {
        deliver.accept(InProcessResponses.error(answer));
    }

    @Override
    protected boolean isCommitted() {
        return false;
    }

    @Override
    protected void abort(Throwable cause) {
        // Never committed (see the class comment): there is nothing to abort.
    }

    @Override
    protected void log(ErrorAnswer.Level level, String what, Throwable cause) {
        switch (level) {
            case ERROR -> LOG.error("{}: in process: {}", call, what, cause);
            case WARN -> LOG.warn("{}: in process: {}", call, what, cause);
            default -> LOG.debug("{}: in process: {}", call, what, cause);
        }
    }
}
