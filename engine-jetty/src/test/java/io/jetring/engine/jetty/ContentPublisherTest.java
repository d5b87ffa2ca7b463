package io.jetring.engine.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.AsyncContent;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.junit.jupiter.api.Test;

class ContentPublisherTest {

    /** Records signals as text; requests nothing unless told. */
    static final class Recorder implements Flow.Subscriber<byte[]> {
        final List<String> signals = new CopyOnWriteArrayList<>();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(byte[] item) {
            signals.add(new String(item, StandardCharsets.UTF_8));
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

    @Test
    void anEmptyBodyCompletesWithoutDemand() {
        AsyncContent content = new AsyncContent();
        content.close();
        Recorder recorder = new Recorder();
        new ContentPublisher("body", content).subscribe(recorder);
        assertThat(recorder.signals).containsExactly("complete");
    }

    @Test
    void aFailureArrivingLaterIsSignalledWithoutDemand() {
        AsyncContent content = new AsyncContent();
        Recorder recorder = new Recorder();
        new ContentPublisher("body", content).subscribe(recorder);
        assertThat(recorder.signals).isEmpty();
        content.fail(new IOException("the connection broke"));
        assertThat(recorder.signals).containsExactly("error the connection broke");
    }

    @Test
    void chunksFollowDemandAndTheLastCompletesWithIt() {
        AsyncContent content = new AsyncContent();
        Recorder recorder = new Recorder();
        new ContentPublisher("body", content).subscribe(recorder);
        content.write(false, ByteBuffer.wrap("a".getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
        content.write(true, ByteBuffer.wrap("b".getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
        assertThat(recorder.signals).isEmpty();
        recorder.subscription.request(1);
        assertThat(recorder.signals).containsExactly("a");
        recorder.subscription.request(1);
        assertThat(recorder.signals).containsExactly("a", "b", "complete");
    }

    @Test
    void aTransientFailureTheSubclassWaivesIsReadPast() {
        AsyncContent content = new AsyncContent();
        Recorder recorder = new Recorder();
        new ContentPublisher("body", content) {
            @Override
            protected Throwable failure(Content.Chunk chunk) {
                return chunk.isLast() ? chunk.getFailure() : null;
            }
        }.subscribe(recorder);
        recorder.subscription.request(5);
        content.fail(new TimeoutException("idle"), false);
        content.write(true, ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
        assertThat(recorder.signals).containsExactly("x", "complete");
    }

    @Test
    void theAggregatorStopsAtTheLimitWithTheCallersFailure() {
        AsyncContent content = new AsyncContent();
        CompletableFuture<byte[]> result = ContentAggregator.aggregate(content, 3,
                () -> new IllegalStateException("too large"), () -> true, Invocable.InvocationType.NON_BLOCKING);
        content.write(false, ByteBuffer.wrap(new byte[2]), Callback.NOOP);
        assertThat(result).isNotDone();
        content.write(false, ByteBuffer.wrap(new byte[2]), Callback.NOOP);
        assertThat(result).isCompletedExceptionally();
        assertThat(result.handle((bytes, failure) -> failure.getMessage()).join()).isEqualTo("too large");
    }
}
