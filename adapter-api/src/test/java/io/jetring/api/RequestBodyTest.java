package io.jetring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
    @Test
    void aSecondReadFailsAndNamesTheFirst() throws Exception {
        RequestBody body = RequestBody.of("hello");

        assertThat(new String(body.inputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(body.isConsumed()).isTrue();
        assertThatThrownBy(body::bytes).isInstanceOf(IllegalStateException.class)
                .hasMessage("request body: already read with inputStream() "
                        + "(expected: one read of the body; keep the bytes if you need them twice)");
        assertThatThrownBy(body::publisher).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bytesFailsPastTheLimit() {
        RequestBody body = RequestBody.of(new byte[100]);

        assertThatThrownBy(() -> body.bytes(DataSize.ofBytes(99)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BodyTooLargeException.class)
                .hasMessage("body: larger than the limit (expected: at most 99 bytes)");
    }

    @Test
    void blockingReadGivesTheBytes() throws Exception {
        assertThat(RequestBody.of("abc").readAllBytes()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(RequestBody.empty().contentLength()).hasValue(0);
    }

    @Test
    void publisherEmitsTheBytes() throws Exception {
        RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
        RequestBody.of("abc").publisher().subscribe(subscriber);

        assertThat(subscriber.awaitDone()).isNull();
        assertThat(subscriber.joined()).isEqualTo("abc");
    }
}
