package io.jetring.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.BadRequestException;
import io.jetring.api.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EngineExchangeTest {

    /** Records what the base asks of the engine; the async timeout fires when the test says. */
    static final class Recorded extends EngineExchange<RuntimeException> {
        final List<String> events = new ArrayList<>();
        boolean committed;
        long scheduled = -1;
        boolean cancelled;

        @Override
        protected Cancellable scheduleTimeout(long timeoutMillis) {
            scheduled = timeoutMillis;
            return () -> cancelled = true;
        }

        void fireTimeout() {
            timeOut(scheduled);
        }

        @Override
        protected void write(Response response) {
            if (response.status() == 599) {
                throw new IllegalStateException("the body's source failed");
            }
            events.add("write " + response.status());
        }

        @Override
        protected void writeError(ErrorAnswer answer) {
            events.add("error " + answer.text());
        }

        @Override
        protected boolean isCommitted() {
            return committed;
        }

        @Override
        protected void abort(Throwable cause) {
            events.add("abort " + cause.getMessage());
        }

        @Override
        protected void log(ErrorAnswer.Level level, String what, Throwable cause) {
            events.add(level + " " + what);
        }
    }

    @Test
    void settlesOnceWithTheFirstOutcome() {
        Recorded exchange = new Recorded();
        exchange.respond(Response.status(200));
        exchange.fail(new IllegalStateException("later"));
        exchange.respond(Response.status(201));
        assertThat(exchange.events).containsExactly("write 200");
    }

    @Test
    void aNullResponseOrAFailingWriteIsAFailure() {
        Recorded nothing = new Recorded();
        nothing.respond(null);
        assertThat(nothing.events).containsExactly("ERROR the handler failed; answered 500",
                "error 500 Internal Server Error");
        Recorded failing = new Recorded();
        failing.respond(Response.status(599));
        assertThat(failing.events).containsExactly("ERROR the handler failed; answered 500",
                "error 500 Internal Server Error");
    }

    @Test
    void aFailureAfterCommitAborts() {
        Recorded exchange = new Recorded();
        exchange.committed = true;
        exchange.fail(new BadRequestException("bad"));
        assertThat(exchange.events).containsExactly("DEBUG " + Failures.afterCommit(), "abort bad");
    }

    @Test
    void aStageThatCompletesInTimeCancelsTheTimeout() {
        Recorded exchange = new Recorded();
        CompletableFuture<Response> stage = new CompletableFuture<>();
        exchange.await(stage, 300);
        assertThat(exchange.scheduled).isEqualTo(300);
        stage.complete(Response.status(200));
        exchange.fireTimeout();
        assertThat(exchange.cancelled).isTrue();
        assertThat(exchange.events).containsExactly("write 200");
    }

    @Test
    void aStagePendingPastTheTimeoutGets503AndItsLateResultIsDropped() {
        Recorded exchange = new Recorded();
        CompletableFuture<Response> stage = new CompletableFuture<>();
        exchange.await(stage, 300);
        exchange.fireTimeout();
        stage.complete(Response.status(200));
        assertThat(exchange.events).containsExactly(
                "WARN the async handler did not complete within 300 ms; answered 503",
                "error 503 Service Unavailable",
                "DEBUG " + Failures.lateCompletion());
    }

    @Test
    void theBodyOfALateResponseIsReleased() {
        Recorded exchange = new Recorded();
        CompletableFuture<Response> stage = new CompletableFuture<>();
        exchange.await(stage, 300);
        exchange.fireTimeout();
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        java.io.InputStream stream = new java.io.ByteArrayInputStream(new byte[] {1}) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        stage.complete(Response.stream(stream));
        assertThat(closed).as("nobody will read it: closed, not left open").isTrue();
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        Recorded other = new Recorded();
        CompletableFuture<Response> late = new CompletableFuture<>();
        other.await(late, 300);
        other.fireTimeout();
        late.complete(Response.stream(subscriber -> subscriber.onSubscribe(new java.util.concurrent.Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        })));
        assertThat(cancelled).as("a late publisher is cancelled").isTrue();
    }

    @Test
    void aFailedStageIsAnsweredByTheRules() {
        Recorded exchange = new Recorded();
        CompletableFuture<Response> stage = new CompletableFuture<>();
        exchange.await(stage, 300);
        stage.completeExceptionally(new BadRequestException("id: x"));
        assertThat(exchange.events).containsExactly("DEBUG id: x", "error 400 Bad Request: id: x");
    }
}
