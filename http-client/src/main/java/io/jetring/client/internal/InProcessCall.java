package io.jetring.client.internal;

import io.jetring.api.DataSize;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.client.As;
import io.jetring.client.ClientException;
import io.jetring.client.ClientRequest;
import io.jetring.client.ClientResponse;
import io.jetring.engine.Dispatch;
import java.io.IOException;
import java.net.CookieHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Future;

/** One in-process call: runs the handler, follows redirects, and reads the body as {@link As} asks. */
final class InProcessCall<T> {
    private final InProcessTransport transport;
    private final ClientRequest<T> request;
    private final ExecutorService executor;
    private final CookieHandler cookies;
    private final String call;
    private final Settlement<T> settlement;
    private volatile Future<?> timer;

    InProcessCall(InProcessTransport transport, ClientRequest<T> request) {
        this.transport = transport;
        this.request = request;
        this.executor = transport.executor();
        this.cookies = transport.cookies();
        this.call = Urls.call(request.method(), request.uri());
        this.settlement = new Settlement<>(executor, () -> {
            Future<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        });
    }

    CompletableFuture<ClientResponse<T>> start() {
        Duration timeout = request.timeout().orElse(transport.options().requestTimeout());
        try {
            timer = transport.timer().schedule(
                    () -> settlement.fail(CallFailures.requestTimeout(call, request.as(), timeout)), timeout);
        } catch (RejectedExecutionException closed) {
            settlement.fail(new ClientException(call + ": the client is closed", closed));
            return settlement.future();
        }
        send(new InProcessHop(request.method(), request.uri(), request.headers(), request.body()), 0);
        return settlement.future();
    }

    private void send(InProcessHop hop, int redirects) {
        Request ring;
        try {
            ring = InProcessRequests.toRing(hop, transport.options(), cookies, executor);
        } catch (Exception e) {
            settlement.fail(new ClientException(call + ": could not build the request: " + e.getMessage(), e));
            return;
        }
        InProcessExchange exchange = new InProcessExchange(ring, call, transport.timer(), response -> {
            try {
                onResponse(hop, redirects, ring, response);
            } catch (RuntimeException e) {
                settlement.fail(e instanceof ClientException ? e : new ClientException(call + ": " + e, e));
            }
        });
        RingHandler handler = transport.handler();
        if (handler.isAsync()) {
            // As a server calls it: on this thread, the stage awaited under the async timeout.
            Dispatch.async(handler, ring, exchange, transport.options().inProcessAsyncTimeout().toMillis());
            return;
        }
        try {
            executor.execute(() -> Dispatch.sync(handler, ring, exchange));
        } catch (RejectedExecutionException e) {
            settlement.fail(new ClientException(call + ": the client is closed", e));
        }
    }

    private void onResponse(InProcessHop hop, int redirects, Request ring, Response response) throws ClientException {
        if (ring.body() instanceof PublisherRequestBody body) {
            body.releaseUnread();
        }
        if (cookies != null) {
            storeCookies(hop, response);
        }
        if (settlement.isSettled()) {
            InProcessResponses.release(response.body());
            return;
        }
        Optional<InProcessHop> next = transport.options().followRedirects()
                ? InProcessRedirects.next(hop, response, call) : Optional.empty();
        if (next.isPresent()) {
            InProcessResponses.release(response.body());
            if (redirects >= transport.options().maxRedirects()) {
                settlement.fail(CallFailures.tooManyRedirects(call, transport.options().maxRedirects(),
                        next.get().uri().toString(), null));
            } else {
                send(next.get(), redirects + 1);
            }
            return;
        }
        deliver(hop, response);
    }

    /** Releases a streamed body that arrived after the call timed out or was cancelled. */
    private static void abandon(Object value, Flow.Publisher<byte[]> body) {
        if (value instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Nobody is waiting for this body any more.
            }
        } else if (value == body) {
            Publishing.cancelUnread(body);
        }
    }

    private void storeCookies(InProcessHop hop, Response response) {
        List<String> setCookies = response.headers().all("Set-Cookie");
        if (setCookies.isEmpty()) {
            return;
        }
        try {
            cookies.put(hop.uri(), Map.of("Set-Cookie", setCookies));
        } catch (IOException e) {
            throw new ClientException(call + ": could not store cookies: " + e.getMessage(), e);
        }
    }

    private void deliver(InProcessHop hop, Response response) {
        InProcessResponses.Received received;
        try {
            received = InProcessResponses.receive(response, hop.method(), executor);
        } catch (IOException e) {
            InProcessResponses.release(response.body());
            settlement.fail(new ClientException(call + ": could not read the response: " + e.getMessage(), e));
            return;
        }
        ClientResponse<byte[]> head = new ClientResponse<>(response.status(), received.headers(), null, "HTTP/1.1",
                hop.uri());
        Flow.Publisher<byte[]> body = received.body();
        long length = received.length();
        As<T> as = request.as();
        if (as instanceof As.Aggregated<T> aggregated) {
            DataSize limit = aggregated.limit().orElse(transport.options().maxResponseBodySize());
            PublisherAggregator.aggregate(body, limit, length, () -> CallFailures.tooLarge(call, limit))
                    .whenComplete((bytes, failure) -> {
                        if (failure != null) {
                            settlement.fail(failure);
                        } else {
                            settlement.succeed(() -> Decoders.decode(aggregated, head.withBody(bytes), call));
                        }
                    });
        } else if (as instanceof As.Streamed<T> streamed) {
            T value = streamed.adapter().apply(body);
            if (!settlement.succeed(() -> head.withBody(value))) {
                abandon(value, body);
            }
        } else {
            Publishing.discard(body, () -> settlement.succeed(() -> head.withBody(null)), settlement::fail);
        }
    }
}
