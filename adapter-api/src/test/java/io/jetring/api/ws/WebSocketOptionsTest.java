package io.jetring.api.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidArgumentException;
import io.jetring.api.InvalidOptionException;
import io.jetring.api.Response;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebSocketOptionsTest {
    @Test
    void defaultsAreSafe() {
        WebSocketOptions options = WebSocketOptions.defaults();
        assertThat(options.maxTextMessageSize()).isEqualTo(DataSize.ofKibibytes(64));
        assertThat(options.maxBinaryMessageSize()).isEqualTo(DataSize.ofKibibytes(64));
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.pingInterval()).isEmpty();
        assertThat(options.outboundQueueLimit()).isEqualTo(DataSize.ofMebibytes(1));
        assertThat(options.overflowPolicy()).isEqualTo(OverflowPolicy.FAIL);
        assertThat(options.allowedOrigins()).isEmpty();
        assertThat(options.newBuilder().build()).isEqualTo(options);
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> WebSocketOptions.builder().maxTextMessageSize(DataSize.ofBytes(0)).build())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("maxTextMessageSize: 0 bytes (expected: 1 byte..2 GiB (less than the largest Java array))");
        assertThatThrownBy(() -> WebSocketOptions.builder().idleTimeout(Duration.ZERO).build())
                .hasMessage("idleTimeout: PT0S (expected: a positive duration of at least 1 ms)");
        assertThatThrownBy(() -> WebSocketOptions.builder().pingInterval(Duration.ofSeconds(30)).build())
                .hasMessage("pingInterval: PT30S (expected: shorter than idleTimeout (PT30S), so that pings keep the connection alive)");
        assertThatThrownBy(() -> WebSocketOptions.builder().allowedOrigins("example.com").build())
                .hasMessageStartingWith("allowedOrigins: \"example.com\" (expected: an origin such as https://example.com");
        assertThatThrownBy(() -> WebSocketOptions.builder().allowedOrigins("https://example.com/path").build())
                .isInstanceOf(InvalidOptionException.class);
    }

    @Test
    void originsAreCheckedOnlyWhenListedAndSent() {
        WebSocketOptions open = WebSocketOptions.defaults();
        assertThat(open.allowsOrigin(Optional.of("https://evil.example"))).isTrue();

        WebSocketOptions listed = WebSocketOptions.builder().allowedOrigins("https://app.example", "http://localhost:8080").build();
        assertThat(listed.allowsOrigin(Optional.of("https://APP.example"))).isTrue();
        assertThat(listed.allowsOrigin(Optional.of("http://localhost:8080"))).isTrue();
        assertThat(listed.allowsOrigin(Optional.of("https://evil.example"))).isFalse();
        assertThat(listed.allowsOrigin(Optional.empty())).as("non-browser clients send no Origin").isTrue();
    }

    @Test
    void upgradeDecisionsValidate() {
        WebSocketListener listener = new WebSocketListener() { };
        assertThat(WebSocketUpgrade.accept(listener, "chat")).isEqualTo(new WebSocketUpgrade.Accept(listener, Optional.of("chat")));
        assertThat(WebSocketUpgrade.reject(403)).isEqualTo(new WebSocketUpgrade.Reject(Response.status(403)));
        assertThatThrownBy(() -> WebSocketUpgrade.reject(Response.ok("fine")))
                .hasMessage("reject status: 200 (expected: 300..599)");
        assertThatThrownBy(() -> WebSocketUpgrade.accept(listener, " ")).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void closeCodes() {
        assertThat(CloseCodes.isSendable(1000)).isTrue();
        assertThat(CloseCodes.isSendable(1005)).isFalse();
        assertThat(CloseCodes.isSendable(1006)).isFalse();
        assertThat(CloseCodes.isSendable(1015)).isFalse();
        assertThat(CloseCodes.isSendable(2999)).isFalse();
        assertThat(CloseCodes.isSendable(4999)).isTrue();
        assertThat(Message.binary(new byte[] {1})).isEqualTo(Message.binary(new byte[] {1}));
    }
}
