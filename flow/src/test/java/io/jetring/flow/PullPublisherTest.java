package io.jetring.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class PullPublisherTest {

    /** Records every signal, as text. */
    static class Recorder implements Flow.Subscriber<Integer> {
        final List<String> signals = new ArrayList<>();
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            signals.add("subscribe");
        }

        @Override
        public void onNext(Integer item) {
            signals.add("next " + item);
        }

        @Override
        public void onError(Throwable failure) {
            signals.add("error " + failure.getMessage());
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }
    }

    /** Counts up to {@code count}; {@code ended} records onEnd. */
    static final class Counter extends PullPublisher<Integer> {
        final int count;
        final List<String> ended = new ArrayList<>();
        int polls;
        int next;

        Counter(int count, boolean readAhead) {
            super("counter", readAhead);
            this.count = count;
        }

        @Override
        protected Integer poll() {
            polls++;
            if (next == count) {
                complete();
                return null;
            }
            return next++;
        }

        @Override
        protected void onEnd(Throwable failure, boolean cancelled) {
            ended.add(cancelled ? "cancelled" : failure == null ? "completed" : "failed");
        }
    }

    @Test
    void anEmptySourceWithReadAheadCompletesWithoutDemand() {
        Counter publisher = new Counter(0, true);
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        assertThat(recorder.signals).containsExactly("subscribe", "complete");
        assertThat(publisher.ended).containsExactly("completed");
    }

    @Test
    void withoutReadAheadNothingIsPolledBeforeDemand() {
        Counter publisher = new Counter(2, false);
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        assertThat(publisher.polls).isZero();
        recorder.subscription.request(5);
        assertThat(recorder.signals).containsExactly("subscribe", "next 0", "next 1", "complete");
    }

    @Test
    void readAheadTakesOneItemAndTheLastCompletesWithIt() {
        Counter publisher = new Counter(1, true);
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        assertThat(publisher.polls).isEqualTo(1);
        assertThat(recorder.signals).containsExactly("subscribe");
        recorder.subscription.request(1);
        assertThat(recorder.signals).containsExactly("subscribe", "next 0", "complete");
    }

    @Test
    void aFailureIsSignalledWithoutDemandAndOnlyOnce() {
        Counter publisher = new Counter(10, false);
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        publisher.fail(new IllegalStateException("broke"));
        publisher.fail(new IllegalStateException("again"));
        recorder.subscription.request(1);
        assertThat(recorder.signals).containsExactly("subscribe", "error broke");
        assertThat(publisher.ended).containsExactly("failed");
    }

    @Test
    void aNonPositiveRequestFailsTheStreamByRule39() {
        Counter publisher = new Counter(10, false);
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        recorder.subscription.request(0);
        assertThat(recorder.signals).containsExactly("subscribe",
                "error request: 0 (expected: > 0, Reactive Streams rule 3.9)");
    }

    @Test
    void demandIsCappedNotOverflowed() {
        Counter publisher = new Counter(3, false);
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        recorder.subscription.request(Long.MAX_VALUE);
        recorder.subscription.request(Long.MAX_VALUE);
        assertThat(recorder.signals).containsExactly("subscribe", "next 0", "next 1", "next 2", "complete");
    }

    @Test
    void requestFromOnNextDoesNotRecurse() {
        Counter publisher = new Counter(10_000, false);
        int[] depth = {0};
        int[] deepest = {0};
        List<Integer> got = new ArrayList<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            Flow.Subscription s;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                this.s = s;
                s.request(1);
            }

            @Override
            public void onNext(Integer item) {
                depth[0]++;
                deepest[0] = Math.max(deepest[0], depth[0]);
                got.add(item);
                s.request(1);
                depth[0]--;
            }

            @Override
            public void onError(Throwable failure) {
            }

            @Override
            public void onComplete() {
            }
        });
        assertThat(got).hasSize(10_000);
        assertThat(deepest[0]).isEqualTo(1);
    }

    @Test
    void cancelEndsOnceAndDropsTheSubscriber() {
        Counter publisher = new Counter(10, true);
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        Flow.Subscription subscription = recorder.subscription;
        subscription.cancel();
        subscription.cancel();
        subscription.request(3);
        assertThat(recorder.signals).containsExactly("subscribe");
        assertThat(publisher.ended).containsExactly("cancelled");
        WeakReference<Recorder> ref = new WeakReference<>(recorder);
        recorder = null;
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
        }
        assertThat(ref.get()).as("the subscriber after cancel (rule 3.13)").isNull();
    }

    @Test
    void aSubscriberThatCancelsOrThrowsInOnSubscribeEndsTheStreamAndIsDropped() {
        Counter cancelling = new Counter(10, true);
        Recorder recorder = new Recorder() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                super.onSubscribe(s);
                s.cancel();
            }
        };
        cancelling.subscribe(recorder);
        recorder.subscription.request(5);
        assertThat(recorder.signals).containsExactly("subscribe");
        assertThat(cancelling.ended).containsExactly("cancelled");
        WeakReference<Recorder> ref = new WeakReference<>(recorder);
        recorder = null;
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
        }
        assertThat(ref.get()).as("a subscriber that cancelled in onSubscribe (rule 3.13)").isNull();

        Counter throwing = new Counter(10, true);
        throwing.subscribe(new Recorder() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                throw new IllegalStateException("broken subscriber");
            }
        });
        assertThat(throwing.ended).as("taken as a cancel (rule 2.13): the source is released").containsExactly("cancelled");
    }

    @Test
    void aSubscriberAfterTheOwnerCancelledIsRefusedNotLeftWaiting() {
        Counter publisher = new Counter(3, false);
        publisher.cancel();
        assertThat(publisher.ended).containsExactly("cancelled");
        Recorder late = new Recorder();
        publisher.subscribe(late);
        assertThat(late.signals).containsExactly("subscribe", "error counter: cancelled before it was subscribed to");
    }

    @Test
    void aSecondSubscriberIsRefused() {
        Counter publisher = new Counter(1, false);
        publisher.subscribe(new Recorder());
        Recorder second = new Recorder();
        publisher.subscribe(second);
        assertThat(second.signals).containsExactly("subscribe",
                "error counter: already subscribed (expected: one subscriber)");
    }

    @Test
    void aThrowingPollFailsTheStream() {
        PullPublisher<Integer> publisher = new PullPublisher<>("thrower", false) {
            @Override
            protected Integer poll() {
                throw new IllegalStateException("source broke");
            }
        };
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        recorder.subscription.request(1);
        assertThat(recorder.signals).containsExactly("subscribe", "error source broke");
    }
}
