package io.jetring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MiddlewareTest {
    private final RingHandler sync = request -> Response.ok("user=" + request.attribute("user").orElse("none"));
    private final RingHandler async = RingHandler.async(request ->
            CompletableFuture.completedFuture(Response.ok("user=" + request.attribute("user").orElse("none"))));

    private final Middleware auth = Middleware.mapRequest(request -> request.withAttribute("user", "ann"));
    private final Middleware stamp = Middleware.mapResponse((request, response) -> response.withHeader("X-Stamp", "1"));

    @Test
    void oneMiddlewareServesBothFormsAndKeepsTheForm() throws Exception {
        RingHandler wrappedSync = sync.wrap(auth.andThen(stamp));
        RingHandler wrappedAsync = async.wrap(auth.andThen(stamp));

        assertThat(wrappedSync.isAsync()).isFalse();
        assertThat(wrappedAsync.isAsync()).isTrue();
        Response expected = Response.ok("user=ann").withHeader("X-Stamp", "1");
        assertThat(wrappedSync.handle(Request.builder().build())).isEqualTo(expected);
        assertThat(wrappedAsync.handleAsync(Request.builder().build()).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo(expected);
    }

    @Test
    void aroundMayShortCircuitOrCallNext() throws Exception {
        Middleware guard = Middleware.around((request, next) -> request.header("Authorization").isPresent()
                ? next.apply(request.withAttribute("user", "bob"))
                : Middleware.completed(Response.status(401)));

        for (RingHandler handler : new RingHandler[] {sync, async}) {
            RingHandler guarded = handler.wrap(guard);
            assertThat(guarded.isAsync()).isEqualTo(handler.isAsync());
            assertThat(guarded.handle(Request.builder().build()).status()).isEqualTo(401);
            assertThat(guarded.handle(Request.builder().header("Authorization", "x").build()))
                    .isEqualTo(Response.ok("user=bob"));
        }
    }

    @Test
    void asyncHandlerFailuresSurfaceUnwrapped() {
        RingHandler failing = RingHandler.async(request -> {
            throw new BadRequestException("nope");
        });

        assertThat(failing.handleAsync(Request.builder().build()).toCompletableFuture()).isCompletedExceptionally();
        assertThatThrownBy(() -> failing.handle(Request.builder().build())).isInstanceOf(BadRequestException.class)
                .hasMessage("nope");
    }

    @Test
    void syncHandlerSeenAsAsyncGivesACompletedStage() throws Exception {
        assertThat(sync.handleAsync(Request.builder().build()).toCompletableFuture().getNow(null))
                .isEqualTo(Response.ok("user=none"));
        RingHandler throwing = request -> {
            throw new IllegalStateException("x");
        };
        assertThat(throwing.handleAsync(Request.builder().build()).toCompletableFuture()).isCompletedExceptionally();
    }
}
