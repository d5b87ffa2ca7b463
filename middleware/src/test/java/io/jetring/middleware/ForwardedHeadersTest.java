package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidOptionException;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import org.junit.jupiter.api.Test;

/** {@link ForwardedHeaders} without a server: which peers and which hops are believed. */
class ForwardedHeadersTest {
    private static final RingHandler ECHO = request -> Response.ok(request.remoteAddr() + " " + request.scheme() + " "
            + request.serverName() + ":" + request.serverPort());

    private static String who(ForwardedOptions options, String peer, String... headers) throws Exception {
        Request.Builder request = Request.builder().remoteAddr(peer).serverName("internal").serverPort(8080);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return ((io.jetring.api.Body.Text) ECHO.wrap(ForwardedHeaders.of(options)).handle(request.build()).body()).text();
    }

    @Test
    void walksFromTheRightThroughTrustedProxies() throws Exception {
        ForwardedOptions options = ForwardedOptions.trusting("10.0.0.0/8", "192.0.2.7");
        assertThat(who(options, "10.1.2.3", "X-Forwarded-For", "203.0.113.9, 192.0.2.7")).startsWith("203.0.113.9 ");
        assertThat(who(options, "10.1.2.3", "X-Forwarded-For", "6.6.6.6", "X-Forwarded-For", "203.0.113.9, 10.9.9.9"))
                .as("a spoofed left entry is never reached").startsWith("203.0.113.9 ");
        assertThat(who(options, "10.1.2.3", "X-Forwarded-For", "6.6.6.6, unknown, 10.9.9.9"))
                .as("an unknown hop stops the walk").startsWith("10.9.9.9 ");
        assertThat(who(options, "198.51.100.1", "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https"))
                .as("an untrusted peer").isEqualTo("198.51.100.1 http internal:8080");
        assertThat(who(options, "::ffff:10.1.2.3", "X-Forwarded-For", "203.0.113.9")).as("IPv4-mapped")
                .startsWith("203.0.113.9 ");
        assertThat(who(options, "10.1.2.3", "Forwarded", "for=203.0.113.9;proto=https;host=a.example, for=10.2.2.2;proto=http",
                "X-Forwarded-For", "6.6.6.6")).as("Forwarded wins; the client's own hop").isEqualTo("203.0.113.9 https a.example:443");
        assertThat(who(options, "10.1.2.3", "X-Forwarded-For", "a.host.name")).as("names are never resolved")
                .startsWith("10.1.2.3 ");
        assertThat(who(ForwardedOptions.trusting("fd00::/8"), "fd00::1", "X-Forwarded-For", "2001:db8::1"))
                .startsWith("2001:db8::1 ");
    }

    @Test
    void peerAddressNeedsTheMiddleware() {
        assertThatThrownBy(() -> ForwardedHeaders.peerAddress(Request.builder().build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ForwardedHeaders.of(..)");
        assertThatThrownBy(() -> ForwardedOptions.trusting("proxy.internal")).isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("trustedProxies: \"proxy.internal\" (expected: IP address blocks");
        assertThatThrownBy(() -> ForwardedOptions.trusting("10.0.0.0/33")).isInstanceOf(InvalidOptionException.class);
    }
}
