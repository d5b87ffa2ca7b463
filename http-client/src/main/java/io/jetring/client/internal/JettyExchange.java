package io.jetring.client.internal;

import io.jetring.api.DataSize;
import io.jetring.api.Headers;
import io.jetring.client.As;
import io.jetring.client.ClientException;
import io.jetring.client.ClientOptions;
import io.jetring.client.ClientRequest;
import io.jetring.client.ClientResponse;
import io.jetring.client.ClientTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * One call over Jetty: listens to the exchange (redirects are followed before it sees anything),
 * reads the body as {@link As} asks, and settles the caller's future exactly once (see
 * {@link Settlement}).
 */
final class JettyExchange<T> implements Response.ContentSourceListener, Response.CompleteListener {
    private final ClientRequest<T> request;
    private final Request jetty;
    private final ClientOptions options;
    private final BooleanSupplier clientClosed;
    private final String call;
    private final Settlement<T> settlement;
    private volatile ResponseBodyPublisher streamedBody;
    private volatile boolean redirectUnfollowed;
    private volatile Supplier<ClientResponse<T>> unfollowedOutcome;
    private volatile Scheduler.Task timer;

    JettyExchange(ClientRequest<T> request, Request jetty, ClientOptions options, Executor executor,
                  BooleanSupplier clientClosed) {
        this.request = request;
        this.jetty = jetty;
        this.options = options;
        this.clientClosed = clientClosed;
        this.call = Urls.call(request.method(), request.uri());
        this.settlement = new Settlement<>(executor, () -> {
            Scheduler.Task t = timer;
            if (t != null) {
                t.cancel();
            }
        });
    }

    /** Starts the exchange and its timeout; cancelling the returned future aborts the exchange. */
    CompletableFuture<ClientResponse<T>> send(Scheduler scheduler) {
        Duration timeout = request.timeout().orElse(options.requestTimeout());
        timer = scheduler.schedule(() -> onTimeout(timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<ClientResponse<T>> future = settlement.future();
        future.whenComplete((response, failure) -> {
            if (failure instanceof CancellationException) {
                timer.cancel();
                jetty.abort(failure);
            }
        });
        jetty.send(this);
        return future;
    }

    private void onTimeout(Duration timeout) {
        ClientTimeoutException failure = CallFailures.requestTimeout(call, request.as(), timeout);
        // Aborting the first request aborts the conversation's current one, whichever redirect it is at.
        jetty.abort(failure).thenAccept(aborted -> {
            if (!aborted) {
                fail(failure);
            }
        });
    }

    @Override
    public void onContentSource(Response response, Content.Source source) {
        ClientResponse<byte[]> head;
        try {
            head = new ClientResponse<>(response.getStatus(), headers(response), null,
                    response.getVersion().asString(), response.getRequest().getURI());
        } catch (RuntimeException e) {
            ClientException failure = new ClientException(call + ": the response is not valid: " + e.getMessage(), e);
            response.abort(failure);
            fail(failure);
            return;
        }
        // A redirect reaches this listener only when Jetty did not follow it: because it cannot (a body
        // it cannot resend) or because following failed (too many, no Location), which it reports right
        // after, in onComplete. The outcome waits for that verdict.
        redirectUnfollowed = options.followRedirects() && isRedirect(head.status());
        As<T> as = request.as();
        if (as instanceof As.Aggregated<T> aggregated) {
            DataSize limit = aggregated.limit().orElse(options.maxResponseBodySize());
            SourceAggregator.aggregate(source, response, limit.bytes(), () -> CallFailures.tooLarge(call, limit))
                    .whenComplete((bytes, failure) -> {
                        if (failure != null) {
                            fail(map(failure));
                        } else {
                            succeed(() -> Decoders.decode(aggregated, head.withBody(bytes), call));
                        }
                    });
        } else if (as instanceof As.Streamed<T> streamed) {
            ResponseBodyPublisher body = new ResponseBodyPublisher(source, response, this::map);
            streamedBody = body;
            T value;
            try {
                value = streamed.adapter().apply(body);
            } catch (RuntimeException e) {
                body.cancel();
                fail(new ClientException(call + ": the streamed body's adapter failed: " + e, e));
                return;
            }
            if (!succeed(() -> head.withBody(value))) {
                // Timed out or cancelled meanwhile: nobody will read this body.
                body.cancel();
            }
        } else {
            SourceAggregator.discard(source, response).whenComplete((bytes, failure) -> {
                if (failure != null) {
                    fail(map(failure));
                } else {
                    succeed(() -> head.withBody(null));
                }
            });
        }
    }

    @Override
    public void onComplete(Result result) {
        if (result.isFailed()) {
            Throwable failure = map(result.getFailure());
            ResponseBodyPublisher body = streamedBody;
            // A request that failed after a complete response (an upload cut short) spoils no body.
            if (body != null && result.getResponseFailure() != null) {
                body.fail(map(result.getResponseFailure()));
            }
            fail(failure);
        } else if (unfollowedOutcome != null) {
            settlement.succeed(unfollowedOutcome);
        }
    }

    private boolean succeed(Supplier<ClientResponse<T>> outcome) {
        if (redirectUnfollowed) {
            unfollowedOutcome = outcome;
            return true;
        }
        return settlement.succeed(outcome);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private Throwable map(Throwable failure) {
        return JettyFailures.map(failure, call, options, clientClosed.getAsBoolean());
    }

    private void fail(Throwable failure) {
        settlement.fail(failure);
    }

    private static Headers headers(Response response) {
        Headers.Builder headers = Headers.builder();
        for (HttpField field : response.getHeaders()) {
            String value = field.getValue();
            headers.add(field.getName(), value == null ? "" : value);
        }
        return headers.build();
    }
}
