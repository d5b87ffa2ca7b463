package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.Body;
import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The event stream's demand, heartbeats and cancellation, without a server. */
class EventStreamTest {

    /** A source that records what it is asked for and emits only when told. */
    static final class Source implements Flow.Publisher<ServerSentEvent> {
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();
        volatile Flow.Subscriber<? super ServerSentEvent> subscriber;

        @Override
        public void subscribe(Flow.Subscriber<? super ServerSentEvent> s) {
            subscriber = s;
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    requested.addAndGet(n);
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                }
            });
        }
    }

    private static Flow.Publisher<byte[]> stream(Flow.Publisher<ServerSentEvent> source, SseOptions options) {
        return ((Body.Publisher) ServerSentEvents.response(source, options).body()).publisher();
    }

    @Test
    void asksForOneEventOnlyWhenTheClientWantsOne() throws Exception {
        Source source = new Source();
        Recorder recorder = new Recorder();
        stream(source, SseOptions.defaults().withoutHeartbeat()).subscribe(recorder);
        assertThat(source.requested).as("nothing before demand").hasValue(0);
        recorder.request(1);
        assertThat(recorder.items).hasSize(1);
        assertThat(source.requested).as("the opening took the demand").hasValue(0);
        recorder.request(1);
        assertThat(source.requested).hasValue(1);
        recorder.request(5);
        assertThat(source.requested).as("one at a time").hasValue(1);
        source.subscriber.onNext(ServerSentEvent.of("a"));
        assertThat(source.requested).hasValue(2);
        source.subscriber.onComplete();
        assertThat(recorder.awaitDone()).isNull();
        assertThat(new String(recorder.joined(), StandardCharsets.UTF_8)).isEqualTo(": open\n\ndata: a\n\n");
    }

    @Test
    void heartbeatsFillSilenceAndCancellingStopsEverything() throws Exception {
        Source source = new Source();
        Recorder recorder = new Recorder();
        stream(source, SseOptions.defaults().withHeartbeat(Duration.ofMillis(20))).subscribe(recorder);
        recorder.request(3);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (recorder.items.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(recorder.items).hasSize(3);
        assertThat(new String(recorder.items.get(2), StandardCharsets.UTF_8)).isEqualTo(": ping\n\n");
        assertThat(source.requested).as("a heartbeat never asks the source for more").hasValue(1);
        source.subscriber.onNext(ServerSentEvent.of("held"));
        assertThat(recorder.items).as("no demand left: the event waits").hasSize(3);
        recorder.request(1);
        assertThat(new String(recorder.items.get(3), StandardCharsets.UTF_8)).isEqualTo("data: held\n\n");
        recorder.subscription.cancel();
        assertThat(source.cancelled).isTrue();
    }

    @Test
    void eventsCannotBreakTheFraming() {
        assertThatThrownBy(() -> ServerSentEvent.of("x").withId("a\nb")).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("id: \"a\\nb\" (expected: text without CR, LF or NUL)");
        assertThatThrownBy(() -> ServerSentEvent.of("x").withEvent("a\rb")).isInstanceOf(InvalidArgumentException.class);
        assertThat(new String(ServerSentEvent.of("a\r\nb\rc\n").encode(), StandardCharsets.UTF_8))
                .isEqualTo("data: a\ndata: b\ndata: c\ndata: \n\n");
        assertThat(ServerSentEvents.lastEventId(Request.builder().header("Last-Event-ID", "7").build())).hasValue("7");
        assertThat(ServerSentEvents.lastEventId(Request.builder().build())).isEmpty();
    }
}
