package io.jetring.middleware;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Request;
import io.jetring.api.Response;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Server-Sent Events ({@code text/event-stream}, the HTML standard's {@code EventSource}) from a
 * {@link Flow.Publisher} of {@link ServerSentEvent}s.
 *
 * <p>{@link #response} is an ordinary {@code 200} whose body is the stream, so a sync or an async
 * handler returns it alike, and middleware such as {@link Compression} applies (each event is
 * flushed at once). The stream follows the streaming contract: an event is taken from the
 * publisher only when the previous bytes were written (backpressure), a client that leaves cancels
 * the subscription, and the publisher's end ends the response. A comment line opens the stream (so
 * the browser's {@code open} fires before the first event) and, as a heartbeat, fills silences
 * longer than {@link SseOptions#heartbeat()}.
 *
 * <p>A browser that reconnects sends the id of the last event it received: read it with
 * {@link #lastEventId(Request)} and resume from there.
 */
public final class ServerSentEvents {
    /** One daemon thread for every stream's heartbeat: it only marks streams, never writes itself. */
    static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "jetring-sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    private ServerSentEvents() {
    }

    /** {@code 200 text/event-stream} streaming {@code events}, with the default options. */
    public static Response response(Flow.Publisher<ServerSentEvent> events) {
        return response(events, SseOptions.defaults());
    }

    /** {@code 200 text/event-stream} streaming {@code events}. */
    public static Response response(Flow.Publisher<ServerSentEvent> events, SseOptions options) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(options, "options");
        Headers headers = Headers.of("Content-Type", "text/event-stream;charset=utf-8", "Cache-Control", "no-cache",
                "X-Accel-Buffering", "no");
        return Response.of(200, headers, Body.of(new EventStream(events, options)));
    }

    /**
     * The {@code Last-Event-ID} a reconnecting browser sends: the id of the last event it got; empty
     * on a first connection.
     */
    public static Optional<String> lastEventId(Request request) {
        return request.header("Last-Event-ID").filter(id -> !id.isEmpty());
    }
}
