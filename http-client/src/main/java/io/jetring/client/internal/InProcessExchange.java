package io.jetring.client.internal;

import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.engine.Failures;
import io.jetring.engine.HandlerExchange;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-process request as {@link io.jetring.engine.Dispatch} runs it: settles exactly once, with the
 * handler's response, its failure, or the async timeout's 503, and hands the response a server would
 * send to {@code answer}.
 */
final class InProcessExchange implements HandlerExchange<RuntimeException> {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.client.JetClient");

    private final Request request;
    private final String call;
    private final ScheduledExecutorService timer;
    private final Consumer<Response> answer;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile Future<?> timeout;

    InProcessExchange(Request request, String call, ScheduledExecutorService timer, Consumer<Response> answer) {
        this.request = request;
        this.call = call;
        this.timer = timer;
        this.answer = answer;
    }

    @Override
    public void respond(Response response) {
        if (settled.compareAndSet(false, true)) {
            answer.accept(InProcessResponses.of(request, response, null, call));
        }
    }

    @Override
    public void fail(Throwable failure) {
        if (settled.compareAndSet(false, true)) {
            answer.accept(InProcessResponses.of(request, null, failure, call));
        }
    }

    @Override
    public void await(CompletionStage<Response> stage, long timeoutMillis) {
        try {
            timeout = timer.schedule(() -> timedOut(timeoutMillis), timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // The client is closing: nothing will time the stage; the call's own timeout still ends it.
        }
        stage.whenComplete((response, failure) -> {
            if (!settled.compareAndSet(false, true)) {
                LOG.debug("{}: in process: {}", call, Failures.lateCompletion());
                if (response != null) {
                    InProcessResponses.release(response.body());
                }
                return;
            }
            Future<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
            answer.accept(InProcessResponses.of(request, response, failure, call));
        });
    }

    private void timedOut(long timeoutMillis) {
        if (settled.compareAndSet(false, true)) {
            answer.accept(InProcessResponses.error(Failures.asyncTimeout(timeoutMillis), call));
        }
    }
}
