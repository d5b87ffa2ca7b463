package io.jetring.engine.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Request;
import io.jetring.api.ws.Message;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.testing.WebSocketRecorder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InboundPublisherTest {
    private final AtomicInteger demands = new AtomicInteger();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final Transport transport = new Transport() {
        @Override
        public void sendText(String text, CompletableFuture<Void> done) {
            done.complete(null);
        }

        @Override
        public void sendBinary(byte[] data, CompletableFuture<Void> done) {
            done.complete(null);
        }

        @Override
        public void sendPing(byte[] payload, CompletableFuture<Void> done) {
            done.complete(null);
        }

        @Override
        public void sendPong(byte[] payload, CompletableFuture<Void> done) {
            written.add("pong");
            done.complete(null);
        }

        @Override
        public void sendClose(int code, String reason, CompletableFuture<Void> done) {
            written.add("close:" + code);
            done.complete(null);
        }

        @Override
        public void demand() {
            demands.incrementAndGet();
        }

        @Override
        public void abort() {
        }

        @Override
        public Runnable schedule(Duration delay, Runnable task) {
            return () -> { };
        }

        @Override
        public void log(String message, Throwable error) {
        }
    };

    /** Subscribes when the socket opens and requests {@code initial}. */
    private final class Subscriber implements Flow.Subscriber<Message> {
        final List<Object> signals = new CopyOnWriteArrayList<>();
        final long initial;
        volatile Flow.Subscription subscription;

        Subscriber(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(Message item) {
            signals.add(item);
        }

        @Override
        public void onError(Throwable t) {
            signals.add(t);
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }
    }

    private WebSocketConnection open(WebSocketListener listener) {
        WebSocketConnection ws = new WebSocketConnection(transport, listener, WebSocketOptions.defaults());
        ws.opened(Request.builder().build(), Optional.empty());
        return ws;
    }

    @Test
    void theSubscribersDemandIsTheSocketsDemand() {
        Subscriber subscriber = new Subscriber(2);
        WebSocketConnection ws = open(WebSocketListener.publisher((socket, messages) -> messages.subscribe(subscriber)));
        assertThat(demands).hasValue(1);

        ws.receivedText("a");
        assertThat(demands).hasValue(2);
        ws.receivedBinary(new byte[] {1});
        assertThat(demands).as("two requested, two delivered: the socket stops reading").hasValue(2);
        assertThat(subscriber.signals).containsExactly(Message.text("a"), Message.binary(new byte[] {1}));

        subscriber.subscription.request(1);
        assertThat(demands).hasValue(3);
    }

    @Test
    void nothingIsReadBeforeTheSubscriberRequests() {
        Subscriber subscriber = new Subscriber(0);
        open(WebSocketListener.publisher((socket, messages) -> messages.subscribe(subscriber)));
        assertThat(demands).hasValue(0);
    }

    @Test
    void completesOnCloseAndFailsWithTheErrorBeforeIt() {
        Subscriber clean = new Subscriber(1);
        WebSocketConnection ws = open(WebSocketListener.publisher((socket, messages) -> messages.subscribe(clean)));
        ws.closed(1000, "");
        assertThat(clean.signals).containsExactly("complete");

        Subscriber failed = new Subscriber(1);
        WebSocketConnection broken = open(WebSocketListener.publisher((socket, messages) -> messages.subscribe(failed)));
        IOException reset = new IOException("reset");
        broken.failed(reset);
        broken.closed(1006, "");
        assertThat(failed.signals).containsExactly(reset);
    }

    @Test
    void aLateSubscriberStillSeesTheEnd() {
        CompletableFuture<Flow.Publisher<Message>> handedOut = new CompletableFuture<>();
        WebSocketConnection ws = open(WebSocketListener.publisher((socket, messages) -> handedOut.complete(messages)));
        ws.closed(1000, "");
        Subscriber late = new Subscriber(0);
        handedOut.join().subscribe(late);
        assertThat(late.signals).containsExactly("complete");
    }

    @Test
    void cancellingClosesTheSocketWith1000() {
        Subscriber subscriber = new Subscriber(1);
        WebSocketConnection ws = open(WebSocketListener.publisher((socket, messages) -> messages.subscribe(subscriber)));
        subscriber.subscription.cancel();
        assertThat(written).containsExactly("close:1000");
        ws.closed(1000, "");
        assertThat(subscriber.signals).as("no signal after cancel").isEmpty();
    }

    @Test
    void oneSubscriberOnly() {
        Subscriber first = new Subscriber(0);
        Subscriber second = new Subscriber(0);
        open(WebSocketListener.publisher((socket, messages) -> {
            messages.subscribe(first);
            messages.subscribe(second);
        }));
        assertThat(first.signals).isEmpty();
        assertThat(second.signals).singleElement().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theControlListenerGetsTheControlEvents() throws Exception {
        WebSocketRecorder control = new WebSocketRecorder();
        Subscriber subscriber = new Subscriber(5);
        WebSocketConnection ws = open(WebSocketListener.publisher((socket, messages) -> messages.subscribe(subscriber), control));
        ws.receivedPing(new byte[] {1});
        ws.receivedText("not for control");
        ws.closed(1001, "away");
        control.assertNext("open");
        control.assertNext("ping:01");
        control.assertNext("close:1001:away");
        assertThat(subscriber.signals).containsExactly(Message.text("not for control"), "complete");
        assertThat(written).containsExactly("pong");
    }
}
