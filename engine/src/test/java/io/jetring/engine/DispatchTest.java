package io.jetring.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class DispatchTest {
    private static final Request REQUEST = Request.builder().build();

    /** Records what the dispatcher hands over, as "respond:<status>", "fail:<message>" or "await:<timeout>". */
    private static final class Recorder implements HandlerExchange<RuntimeException> {
        final List<String> calls = new ArrayList<>();
        CompletionStage<Response> awaited;

        @Override
        public void respond(Response response) {
            calls.add("respond:" + (response == null ? "null" : response.status()));
        }

        @Override
        public void fail(Throwable failure) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            calls.add("fail:" + cause.getMessage());
        }

        @Override
        public void await(CompletionStage<Response> stage, long timeoutMillis) {
            awaited = stage;
            calls.add("await:" + timeoutMillis);
        }
    }

    private static List<String> sync(RingHandler handler) {
        Recorder exchange = new Recorder();
        Dispatch.sync(handler, REQUEST, exchange);
        return exchange.calls;
    }

    private static List<String> async(RingHandler handler) {
        Recorder exchange = new Recorder();
        Dispatch.async(handler, REQUEST, exchange, 250);
        return exchange.calls;
    }

    @Test
    void aSyncHandlersResponseOrFailureIsAnswered() {
        assertThat(sync(request -> Response.ok("hi"))).containsExactly("respond:200");
        assertThat(sync(request -> null)).containsExactly("respond:null");
        assertThat(sync(request -> {
            throw new IllegalStateException("boom");
        })).containsExactly("fail:boom");
    }

    @Test
    void aCompletedStageIsAnsweredAtOnceAndAPendingOneAwaited() {
        assertThat(async(RingHandler.async(request -> CompletableFuture.completedFuture(Response.ok("now")))))
                .containsExactly("respond:200");
        assertThat(async(RingHandler.async(request -> CompletableFuture.failedFuture(new IllegalStateException("failed")))))
                .containsExactly("fail:failed");
        assertThat(async(RingHandler.async(request -> new CompletableFuture<>()))).containsExactly("await:250");
    }

    @Test
    void anAsyncHandlerThatThrowsOrReturnsNoStageIsAnswered() {
        assertThat(async(RingHandler.async(request -> {
            throw new IllegalArgumentException("thrown");
        }))).containsExactly("fail:thrown");
        assertThat(async(RingHandler.async(request -> null))).containsExactly("respond:null");
    }
}
