package io.jetring.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.BadRequestException;
import io.jetring.api.BodyTooLargeException;
import io.jetring.api.DataSize;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void eachFailureHasItsAnswer() {
        IllegalStateException boom = new IllegalStateException("secret");
        assertThat(Failures.answer(boom)).isEqualTo(new ErrorAnswer(500, "500 Internal Server Error",
                ErrorAnswer.Level.ERROR, "the handler failed; answered 500", boom));
        BadRequestException bad = new BadRequestException("id: x (expected: a number)");
        assertThat(Failures.answer(bad)).isEqualTo(new ErrorAnswer(400,
                "400 Bad Request: id: x (expected: a number)", ErrorAnswer.Level.DEBUG, bad.getMessage(), bad));
        BodyTooLargeException tooLarge = new BodyTooLargeException(DataSize.ofBytes(1));
        assertThat(Failures.answer(tooLarge).status()).isEqualTo(413);
        assertThat(Failures.answer(tooLarge).text()).isEqualTo("413 Content Too Large");
        assertThat(Failures.asyncTimeout(300)).isEqualTo(new ErrorAnswer(503, "503 Service Unavailable",
                ErrorAnswer.Level.WARN, "the async handler did not complete within 300 ms; answered 503", null));
        assertThat(Failures.answer(boom).body()).isEqualTo("500 Internal Server Error\n".getBytes());
    }

    @Test
    void theWrappersOfStagesAndFuturesAreLookedThrough() {
        BadRequestException bad = new BadRequestException("bad");
        assertThat(Failures.unwrap(new CompletionException(new ExecutionException(bad)))).isSameAs(bad);
        assertThat(Failures.answer(new CompletionException(bad)).status()).isEqualTo(400);
        assertThat(Failures.unwrap(new CompletionException(null))).isInstanceOf(CompletionException.class);
    }

    @Test
    void onlyTheEnginesOwnClientTimeoutIsA408() {
        TimeoutException idle = new TimeoutException("Idle timeout expired: 300/300 ms");
        assertThat(Failures.answer(new IOException(idle), idle).status()).isEqualTo(408);
        assertThat(Failures.answer(new CompletionException(idle), idle).text()).isEqualTo("408 Request Timeout");
        TimeoutException backend = new TimeoutException("backend");
        assertThat(Failures.answer(backend).status()).isEqualTo(500);
        assertThat(Failures.answer(backend, idle).status()).isEqualTo(500);
        assertThat(Failures.answer(new CompletionException(backend), null).status()).isEqualTo(500);
    }
}
