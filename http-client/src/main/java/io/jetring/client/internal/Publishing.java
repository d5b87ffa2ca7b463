package io.jetring.client.internal;

import io.jetring.flow.Signals;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/** Small helpers for publishers whose contents are not wanted. */
final class Publishing {
    private Publishing() {
    }

    /** Subscribes to {@code publisher} only to cancel it, so that whatever it holds is released. */
    static void cancelUnread(Flow.Publisher<byte[]> publisher) {
        Signals.cancel(publisher);
    }

    /** Reads and drops everything {@code publisher} emits, then runs {@code onComplete} (or {@code onError}). */
    static void discard(Flow.Publisher<byte[]> publisher, Runnable onComplete, Consumer<Throwable> onError) {
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(byte[] item) {
            }

            @Override
            public void onError(Throwable failure) {
                onError.accept(failure);
            }

            @Override
            public void onComplete() {
                onComplete.run();
            }
        });
    }
}
