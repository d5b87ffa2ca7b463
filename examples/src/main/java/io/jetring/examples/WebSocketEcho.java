package io.jetring.examples;

import io.jetring.api.ws.Message;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The demo's echo: text comes back as text, binary as binary, in order. It reads the next message
 * only once the echo of the last one has been written, so a client that sends faster than it reads
 * is slowed down by TCP instead of filling the server's memory.
 */
public final class WebSocketEcho {
    private WebSocketEcho() {
    }

    /** A fresh echo listener for one connection. */
    public static WebSocketListener listener() {
        return WebSocketListener.publisher((ws, messages) -> messages.subscribe(new Echo(ws)));
    }

    private static final class Echo implements Flow.Subscriber<Message> {
        private final WebSocket ws;
        private Flow.Subscription subscription;

        Echo(WebSocket ws) {
            this.ws = ws;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(Message message) {
            CompletionStage<Void> sent = message instanceof Message.Text text
                    ? ws.sendText(text.text())
                    : ws.sendBinary(((Message.Binary) message).data());
            sent.whenComplete((ok, failure) -> {
                if (failure == null) {
                    subscription.request(1);
                }
            });
        }

        @Override
        public void onError(Throwable failure) {
            // The socket reports its own failures; nothing is left to clean up here.
        }

        @Override
        public void onComplete() {
        }
    }
}
