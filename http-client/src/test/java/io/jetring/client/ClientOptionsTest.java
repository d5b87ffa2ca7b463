package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The documented defaults, and a clear message for every value outside its rule. */
class ClientOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(ClientOptions.defaults()).isEqualTo(new ClientOptions(
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), 64, true, 10,
                Optional.of("jetring"), true, Http2Mode.TLS, Optional.empty(), Trust.systemDefault(),
                DataSize.ofMebibytes(10), true, Duration.ofSeconds(30)));
        assertThat(ClientOptions.builder().build()).isEqualTo(ClientOptions.defaults());
    }

    @Test
    void newBuilderKeepsEveryField() {
        ClientOptions options = ClientOptions.builder().maxRedirects(3).noUserAgent().http2(Http2Mode.PRIOR_KNOWLEDGE)
                .proxy(ProxyOptions.of("proxy", 3128)).decompress(false)
                .inProcessAsyncTimeout(Duration.ofMillis(250)).build();
        assertThat(options.newBuilder().build()).isEqualTo(options);
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> ClientOptions.builder().connectTimeout(Duration.ZERO).build())
                .isInstanceOf(InvalidOptionException.class).hasMessage("connectTimeout: PT0S (expected: at least 1 ms)");
        assertThatThrownBy(() -> ClientOptions.builder().idleTimeout(Duration.ofSeconds(-1)).build())
                .hasMessage("idleTimeout: PT-1S (expected: at least 1 ms)");
        assertThatThrownBy(() -> ClientOptions.builder().inProcessAsyncTimeout(Duration.ZERO).build())
                .hasMessage("inProcessAsyncTimeout: PT0S (expected: at least 1 ms)");
        assertThatThrownBy(() -> ClientOptions.builder().inProcessAsyncTimeout(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("inProcessAsyncTimeout");
        assertThatThrownBy(() -> ClientOptions.builder().maxRedirects(0).build())
                .hasMessage("maxRedirects: 0 (expected: >= 1; turn followRedirects off instead)");
        assertThatThrownBy(() -> ClientOptions.builder().maxConnectionsPerDestination(0).build())
                .hasMessage("maxConnectionsPerDestination: 0 (expected: >= 1)");
        assertThatThrownBy(() -> ClientOptions.builder().maxResponseBodySize(DataSize.ofMebibytes(2048)).build())
                .hasMessage("maxResponseBodySize: 2 GiB (expected: less than 2 GiB, the largest Java array)");
        assertThatThrownBy(() -> ClientOptions.builder().userAgent("evil\r\nX-Injected: 1").build())
                .hasMessage("header User-Agent: \"evil\\r\\nX-Injected: 1\" (expected: no CR, LF or NUL in a value)");
        assertThatThrownBy(() -> ProxyOptions.of("proxy", 0)).hasMessage("proxy.port: 0 (expected: 1..65535)");
        assertThatThrownBy(() -> As.bytes().withLimit(DataSize.ofMebibytes(4096)))
                .hasMessage("maxResponseBodySize: 4 GiB (expected: less than 2 GiB, the largest Java array)");
    }

    @Test
    void aTrustStorePasswordIsNeverShown() {
        assertThat(Trust.store(Path.of("trust.p12"), "hunter2").toString()).doesNotContain("hunter2");
    }
}
