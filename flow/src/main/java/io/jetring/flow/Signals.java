package io.jetring.flow;

import java.util.concurrent.Flow;

/** Small signals shared by jetring's publishers. For jetring's modules, not applications. */
public final class Signals {
    private static final Flow.Subscription NONE = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    private Signals() {
    }

    /** A subscription that does nothing: for a subscriber that gets its terminal signal at once. */
    public static Flow.Subscription noSubscription() {
        return NONE;
    }

    /** Refuses {@code subscriber}: {@code onSubscribe} with {@link #noSubscription()}, then {@code onError(error)} (rule 1.9). */
    public static void refuse(Flow.Subscriber<?> subscriber, Throwable error) {
        subscriber.onSubscribe(NONE);
        subscriber.onError(error);
    }

    /** The failure of a second subscriber to a single-subscriber publisher ({@code what}: "request body", …). */
    public static IllegalStateException alreadySubscribed(String what) {
        return new IllegalStateException(what + ": already subscribed (expected: one subscriber)");
    }

    /** Subscribes to {@code publisher} only to cancel it, so that whatever it holds is released. */
    public static <T> void cancel(Flow.Publisher<T> publisher) {
        // A fresh subscriber each time: one subscriber is subscribed once (rule 2.12).
        publisher.subscribe(new Flow.Subscriber<T>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(T item) {
            }

            @Override
            public void onError(Throwable failure) {
            }

            @Override
            public void onComplete() {
            }
        });
    }
}
