package io.jetring.servlet.testing;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/** A publisher of one chunk that a stage completes with later; a failed stage is an {@code onError}. */
public final class Deferred {
    private Deferred() {
    }

    /** Emits the stage's bytes once it completes and the subscriber has asked, then completes. */
    public static Flow.Publisher<byte[]> of(CompletionStage<byte[]> stage) {
        return subscriber -> {
            AtomicBoolean requested = new AtomicBoolean();
            AtomicBoolean cancelled = new AtomicBoolean();
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    if (requested.compareAndSet(false, true)) {
                        stage.whenComplete((bytes, failure) -> {
                            if (cancelled.get()) {
                                return;
                            }
                            if (failure != null) {
                                subscriber.onError(failure);
                            } else {
                                subscriber.onNext(bytes);
                                subscriber.onComplete();
                            }
                        });
                    }
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                }
            });
        };
    }
}
