package io.jetring.api.ws;

import io.jetring.flow.Demand;
import io.jetring.flow.Signals;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The listener behind {@link WebSocketListener#publisher}: a single-subscriber publisher whose demand
 * is forwarded to {@link WebSocket#request}, so it never buffers a message. Signals to the subscriber
 * are serial because the WebSocket delivers listener calls serially; the subscribe path, the only one
 * on another thread, is guarded so that no signal overtakes {@code onSubscribe}.
 */
final class InboundPublisher implements WebSocketListener.Demanding, Flow.Publisher<Message> {
    private final BiConsumer<WebSocket, Flow.Publisher<Message>> onOpen;
    private final WebSocketListener control;
    private final AtomicBoolean claimed = new AtomicBoolean();
    /** The subscriber until the stream ends or is cancelled; then dropped (rule 3.13). */
    private final AtomicReference<Flow.Subscriber<? super Message>> subscriber = new AtomicReference<>();
    private final AtomicLong pendingDemand = new AtomicLong();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private volatile WebSocket ws;
    private volatile boolean subscribed;
    private volatile boolean closed;
    private volatile Throwable error;

    InboundPublisher(BiConsumer<WebSocket, Flow.Publisher<Message>> onOpen, WebSocketListener control) {
        this.onOpen = onOpen;
        this.control = control;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Message> s) {
        if (s == null) {
            throw new NullPointerException("subscriber");
        }
        if (!claimed.compareAndSet(false, true)) {
            Signals.refuse(s, Signals.alreadySubscribed("inbound messages"));
            return;
        }
        subscriber.set(s);
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0) {
                    misuse(n);
                    return;
                }
                Demand.add(pendingDemand, n);
                if (subscribed) {
                    flushDemand();
                }
            }

            @Override
            public void cancel() {
                if (terminated.compareAndSet(false, true)) {
                    subscriber.set(null);
                    ws.close();
                }
            }
        });
        subscribed = true;
        flushDemand();
        if (closed) {
            terminate();
        }
    }

    private void flushDemand() {
        long n = pendingDemand.getAndSet(0);
        if (n > 0 && !terminated.get()) {
            ws.request(n);
        }
    }

    private void misuse(long n) {
        if (terminated.compareAndSet(false, true)) {
            subscriber.getAndSet(null).onError(Demand.nonPositive(n));
            ws.close(CloseCodes.INTERNAL_ERROR, "subscriber requested " + n);
        }
    }

    private void terminate() {
        Flow.Subscriber<? super Message> s = subscriber.get();
        if (s != null && subscribed && terminated.compareAndSet(false, true)) {
            subscriber.set(null);
            Throwable failure = error;
            if (failure != null) {
                s.onError(failure);
            } else {
                s.onComplete();
            }
        }
    }

    private void emit(Message message) {
        Flow.Subscriber<? super Message> s = subscriber.get();
        if (s != null && !terminated.get()) {
            s.onNext(message);
        }
    }

    @Override
    public void onOpen(WebSocket ws) {
        this.ws = ws;
        control.onOpen(ws);
        onOpen.accept(ws, this);
    }

    @Override
    public void onText(WebSocket ws, String text) {
        emit(Message.text(text));
    }

    @Override
    public void onBinary(WebSocket ws, byte[] data) {
        emit(Message.binary(data));
    }

    @Override
    public void onPing(WebSocket ws, byte[] payload) {
        control.onPing(ws, payload);
    }

    @Override
    public void onPong(WebSocket ws, byte[] payload) {
        control.onPong(ws, payload);
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        if (this.error == null) {
            this.error = error;
        }
        control.onError(ws, error);
    }

    @Override
    public void onClose(WebSocket ws, int code, String reason) {
        closed = true;
        try {
            control.onClose(ws, code, reason);
        } finally {
            terminate();
        }
    }

    @Override
    public String toString() {
        return "WebSocketListener.publisher(" + onOpen + ")";
    }
}
