package io.jetring.api.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RequestLogEntryTest {
    private static final Instant TIME = Instant.parse("2026-12-03T10:58:28Z");

    private static RequestLogEntry entry(RequestLogEntry.Kind kind, String target, Optional<String> agent,
                                         Duration duration, Optional<String> route, OptionalInt code) {
        return new RequestLogEntry(kind, TIME, "10.0.0.1", "GET", target, "HTTP/1.1", 200, 13, Optional.empty(), agent,
                duration, route, code);
    }

    @Test
    void aResponseIsACombinedLogLinePlusDurationAndRoute() {
        assertThat(entry(RequestLogEntry.Kind.RESPONSE, "/users/7?x=1", Optional.of("curl/8.5"),
                Duration.ofNanos(412_345), Optional.of("/users/{id}"), OptionalInt.empty()).combined())
                .isEqualTo("10.0.0.1 - - [03/Dec/2026:10:58:28 +0000] \"GET /users/7?x=1 HTTP/1.1\" 200 13 \"-\" "
                        + "\"curl/8.5\" 0.412ms \"/users/{id}\"");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        assertThat(entry(RequestLogEntry.Kind.RESPONSE, "/a\"b\\c", Optional.of("evil\"\r\nagent"),
                Duration.ofMillis(1234), Optional.empty(), OptionalInt.empty()).combined())
                .contains("\"GET /a\\\"b\\\\c HTTP/1.1\"")
                .contains("\"evil\\\"\\x0d\\x0aagent\"")
                .contains(" 1234.000ms \"-\"")
                .doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void aRemoteAddressFromAHeaderCannotForgeALine() {
        RequestLogEntry forged = new RequestLogEntry(RequestLogEntry.Kind.RESPONSE, TIME, "1.2.3.4\n10.0.0.9 - - [x]",
                "GET", "/", "HTTP/1.1", 200, 0, Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty(),
                OptionalInt.empty());
        assertThat(forged.combined()).startsWith("1.2.3.4\\x0a10.0.0.9 - - [x] - - [").doesNotContain("\n");
    }

    @Test
    void abortsAndWebSocketClosesAreMarked() {
        assertThat(entry(RequestLogEntry.Kind.ABORTED, "/s", Optional.empty(), Duration.ofMillis(5), Optional.empty(),
                OptionalInt.empty()).combined()).endsWith(" 5.000ms \"-\" aborted");
        assertThat(entry(RequestLogEntry.Kind.WEBSOCKET_CLOSED, "/chat", Optional.empty(), Duration.ofSeconds(2),
                Optional.of("/chat"), OptionalInt.of(1001)).combined()).endsWith(" 2000.000ms \"/chat\" ws-close=1001");
    }

    @Test
    void aCloseCodeComesWithAWebSocketCloseAndOnlyThen() {
        assertThatThrownBy(() -> entry(RequestLogEntry.Kind.WEBSOCKET_CLOSED, "/chat", Optional.empty(), Duration.ZERO,
                Optional.empty(), OptionalInt.empty())).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("closeCode");
        assertThatThrownBy(() -> entry(RequestLogEntry.Kind.RESPONSE, "/", Optional.empty(), Duration.ZERO,
                Optional.empty(), OptionalInt.of(1000))).isInstanceOf(InvalidArgumentException.class);
    }
}
