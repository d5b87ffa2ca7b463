package io.jetring.api.observe;

import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Health checks to mount on a router, for a load balancer or an orchestrator:
 *
 * <pre>{@code
 * Router.builder()
 *     .get("/health/live", Health.live())
 *     .get("/health/ready", Health.ready())
 * }</pre>
 *
 * <p>{@link #live()} answers 200 for as long as the server answers at all. {@link #ready()} answers
 * 200 until the server begins a graceful stop ({@link io.jetring.api.RequestContext#serverStopping()}),
 * and 503 from then on: with a quiet period the server keeps serving for a while after that, so a
 * load balancer that polls readiness stops sending before the listener closes. Bodies are short
 * plain text; every answer carries {@code Cache-Control: no-store}.
 */
public final class Health {
    private static final Response LIVE = plain(200, "live\n");
    private static final Response READY = plain(200, "ready\n");
    private static final Response STOPPING = plain(503, "stopping\n");
    private static final Response NOT_READY = plain(503, "not ready\n");

    private Health() {
    }

    /** 200 whenever asked; async, so it never waits for a worker thread. */
    public static RingHandler live() {
        return RingHandler.async(request -> CompletableFuture.completedFuture(LIVE));
    }

    /** 200, or 503 once the server is stopping; async, so it never waits for a worker thread. */
    public static RingHandler ready() {
        return RingHandler.async(request -> CompletableFuture.completedFuture(readiness(request)));
    }

    /**
     * As {@link #ready()}, and also 503 while {@code check} says false (a database not yet
     * reachable, a cache still warming). {@code check} may block briefly: this handler is sync and
     * runs on a worker thread.
     */
    public static RingHandler ready(BooleanSupplier check) {
        Objects.requireNonNull(check, "check");
        return request -> {
            Response stopping = readiness(request);
            if (stopping != READY) {
                return stopping;
            }
            return check.getAsBoolean() ? READY : NOT_READY;
        };
    }

    private static Response readiness(Request request) {
        return request.context().serverStopping() ? STOPPING : READY;
    }

    private static Response plain(int status, String text) {
        return Response.text(status, text).withHeader("Cache-Control", "no-store");
    }
}
