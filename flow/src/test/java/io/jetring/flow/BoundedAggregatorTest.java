package io.jetring.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedAggregatorTest {

    @Test
    void anAnnouncedLengthBuysAtMostTheCapAhead() {
        assertThat(new BoundedBuffer(1L << 30, 1L << 30).capacity()).isEqualTo(BoundedBuffer.FIRST_BUFFER_CAP);
        assertThat(new BoundedBuffer(100, 1000).capacity()).isEqualTo(100);
        assertThat(new BoundedBuffer(1L << 20, 10).capacity()).isEqualTo(10);
        assertThat(new BoundedBuffer(1L << 20, -1).capacity()).isEqualTo(1024);
    }

    @Test
    void theBufferGrowsUpToTheLimitAndNoFurther() {
        BoundedBuffer buffer = new BoundedBuffer(5, -1);
        assertThat(buffer.append(new byte[] {1, 2, 3})).isTrue();
        assertThat(buffer.append(ByteBuffer.wrap(new byte[] {4, 5}))).isTrue();
        assertThat(buffer.append(new byte[] {6})).isFalse();
        assertThat(buffer.toByteArray()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void pastTheLimitTheSubscriptionIsCancelledAndTheCallersFailureUsed() {
        AtomicBoolean cancelled = new AtomicBoolean();
        BoundedAggregator aggregator = new BoundedAggregator(4, -1, () -> new IllegalStateException("too large"));
        aggregator.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
        aggregator.onNext(new byte[3]);
        aggregator.onNext(new byte[3]);
        aggregator.onComplete();
        assertThat(cancelled).isTrue();
        assertThatThrownBy(() -> aggregator.result().get()).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void anAnnouncedLengthPastTheLimitFailsAtOnceAndCancelsUnread() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Flow.Publisher<byte[]> publisher = s -> s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                throw new AssertionError("read");
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
        assertThat(BoundedAggregator.aggregate(publisher, 10, 11, () -> new IllegalStateException("too large")))
                .isCompletedExceptionally();
        assertThat(cancelled).isTrue();
    }

    @Test
    void demandAddsWithoutOverflow() {
        assertThat(Demand.add(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
        AtomicLong demand = new AtomicLong(3);
        assertThat(Demand.add(demand, 4)).isEqualTo(7);
        assertThat(Demand.add(demand, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }
}
