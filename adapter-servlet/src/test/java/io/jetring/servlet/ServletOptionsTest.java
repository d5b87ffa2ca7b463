package io.jetring.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServletOptionsTest {

    @Test
    void defaultsMatchJetServer() {
        assertThat(ServletOptions.defaults())
                .isEqualTo(new ServletOptions(DataSize.ofMebibytes(10), Duration.ofSeconds(30)));
    }

    @Test
    void withersDeriveNewValues() {
        ServletOptions options = ServletOptions.defaults().withMaxBodySize(DataSize.ofKibibytes(64))
                .withAsyncTimeout(Duration.ofSeconds(5));
        assertThat(options).isEqualTo(new ServletOptions(DataSize.ofKibibytes(64), Duration.ofSeconds(5)));
        assertThat(ServletOptions.defaults().maxBodySize()).isEqualTo(DataSize.ofMebibytes(10));
    }

    @Test
    void badValuesAreRejectedWithTheRule() {
        assertThatThrownBy(() -> ServletOptions.defaults().withAsyncTimeout(Duration.ZERO))
                .isInstanceOf(InvalidOptionException.class).hasMessage("asyncTimeout: PT0S (expected: a positive duration)");
        assertThatThrownBy(() -> ServletOptions.defaults().withAsyncTimeout(Duration.ofNanos(10)))
                .hasMessage("asyncTimeout: PT0.00000001S (expected: at least 1 ms)");
        assertThatThrownBy(() -> ServletOptions.defaults().withMaxBodySize(DataSize.ofMebibytes(4096)))
                .hasMessage("maxBodySize: 4 GiB (expected: less than 2 GiB, the largest Java array)");
        assertThatThrownBy(() -> new ServletOptions(null, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class).hasMessage("maxBodySize");
    }
}
