package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Request;
import io.jetring.api.Response;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a client that resumes gets from the event log, and what a client that falls behind gets. */
class EventLogTest {
    @Test
    void aResumingClientGetsTheKeptEventsAfterItsIdThenNewOnes() throws Exception {
        EventLog log = EventLog.keeping(1000);
        for (int i = 1; i <= 1005; i++) {
            log.publish("created", "note " + i);
        }
        BlockingQueue<ServerSentEvent> all = subscribe(log.after(0), Long.MAX_VALUE);
        BlockingQueue<ServerSentEvent> recent = subscribe(log.after(1003), Long.MAX_VALUE);
        BlockingQueue<ServerSentEvent> fresh = subscribe(log.after(Long.MAX_VALUE), Long.MAX_VALUE);
        log.publish("deleted", "note 1006");
        assertThat(next(all).id()).as("the oldest kept").hasValue("6");
        for (int i = 7; i <= 1005; i++) {
            assertThat(next(all).data()).isEqualTo("note " + i);
        }
        ServerSentEvent live = next(all);
        assertThat(live.id()).hasValue("1006");
        assertThat(live.event()).hasValue("deleted");
        assertThat(next(recent).id()).hasValue("1004");
        assertThat(next(recent).id()).hasValue("1005");
        assertThat(next(recent).id()).hasValue("1006");
        assertThat(next(fresh).id()).as("a new client: new events only").hasValue("1006");
    }

    @Test
    void aClientThatFallsBehindItsBufferIsCutOff() throws Exception {
        EventLog log = EventLog.keeping(4);
        BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
        log.after(Long.MAX_VALUE).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                signals.add("subscribed");   // and never requests anything
            }

            @Override
            public void onNext(ServerSentEvent item) {
                signals.add(item);
            }

            @Override
            public void onError(Throwable error) {
                signals.add(error);
            }

            @Override
            public void onComplete() {
                signals.add("complete");
            }
        });
        assertThat(signals.poll(10, TimeUnit.SECONDS)).isEqualTo("subscribed");
        for (int i = 0; i < 100; i++) {
            log.publish("created", "n" + i);
        }
        assertThat(signals.poll(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theResponseResumesAfterTheRequestsLastEventIdOrSendsNewEventsOnly() throws Exception {
        EventLog log = EventLog.keeping(10);
        log.publish("created", "one");
        log.publish("created", "two");
        Response resumed = log.response(Request.builder().header("Last-Event-ID", "1").build());
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.header("Content-Type")).hasValue("text/event-stream;charset=utf-8");
        assertThat(log.response(Request.builder().header("Last-Event-ID", "x").build()).status()).isEqualTo(200);
        assertThat(log.publish("deleted", "three").id()).hasValue("3");
    }

    @Test
    void clientsThatLeaveAreDroppedEvenWhenNothingIsPublished() throws Exception {
        EventLog log = EventLog.keeping(10);
        CountDownLatch gone = new CountDownLatch(100);
        for (int i = 0; i < 101; i++) {
            log.after(Long.MAX_VALUE).subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.cancel();   // the browser went away at once
                    gone.countDown();
                }

                @Override
                public void onNext(ServerSentEvent item) {
                }

                @Override
                public void onError(Throwable throwable) {
                }

                @Override
                public void onComplete() {
                }
            });
            if (i == 99) {
                assertThat(gone.await(10, TimeUnit.SECONDS)).as("the first hundred cancelled").isTrue();
            }
        }
        // The 101st connect found the hundred gone: only it can still be held.
        assertThat(log.clientCount()).isLessThanOrEqualTo(1);
    }

    @Test
    void closeEndsEveryStreamNowAndLater() throws Exception {
        EventLog log = EventLog.keeping(10);
        BlockingQueue<Object> before = signals(log.after(Long.MAX_VALUE));
        assertThat(before.poll(10, TimeUnit.SECONDS)).isEqualTo("subscribed");
        log.close();
        assertThat(before.poll(10, TimeUnit.SECONDS)).isEqualTo("complete");
        log.publish("created", "kept");
        BlockingQueue<Object> after = signals(log.after(0));
        assertThat(after.poll(10, TimeUnit.SECONDS)).isEqualTo("subscribed");
        assertThat(after.poll(10, TimeUnit.SECONDS)).isEqualTo("complete");
    }

    private static BlockingQueue<Object> signals(Flow.Publisher<ServerSentEvent> events) {
        BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
        events.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                signals.add("subscribed");
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ServerSentEvent item) {
                signals.add(item);
            }

            @Override
            public void onError(Throwable error) {
                signals.add(error);
            }

            @Override
            public void onComplete() {
                signals.add("complete");
            }
        });
        return signals;
    }

    @Test
    void aWrongSizeFailsNamingIt() {
        assertThatThrownBy(() -> EventLog.keeping(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("kept: 0 (expected: 1..1048576)");
    }

    private static BlockingQueue<ServerSentEvent> subscribe(Flow.Publisher<ServerSentEvent> events, long demand) {
        BlockingQueue<ServerSentEvent> received = new LinkedBlockingQueue<>();
        events.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(demand);
            }

            @Override
            public void onNext(ServerSentEvent item) {
                received.add(item);
            }

            @Override
            public void onError(Throwable error) {
            }

            @Override
            public void onComplete() {
            }
        });
        return received;
    }

    private static ServerSentEvent next(BlockingQueue<ServerSentEvent> events) throws InterruptedException {
        ServerSentEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }
}
