package io.jetring.api.observe;

import io.jetring.api.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One exchange as the engine saw it once it ended: a request with its response (the handler's, or
 * one the server made itself, such as a 400 for a malformed request), a response cut off midway, or
 * a WebSocket that closed. A request log writes one line per entry ({@link #combined()}); metrics
 * count them.
 *
 * @param kind          what ended: a response, an aborted response, or a WebSocket
 * @param time          when the request arrived
 * @param remoteAddress the peer's IP address
 * @param method        the request method
 * @param target        the request target as sent: path and query
 * @param protocol      such as {@code HTTP/1.1}
 * @param status        the response status ({@code 101} for a WebSocket)
 * @param bytesSent     the bytes of response body written; negative where the engine cannot tell
 * @param referer       the {@code Referer} header
 * @param userAgent     the {@code User-Agent} header
 * @param duration      from the request's arrival to the end of the response; for a WebSocket, to its close
 * @param route         the template of the route that matched ({@code /users/{id}}), if a router recorded one
 * @param closeCode     the close code of a WebSocket, for {@link Kind#WEBSOCKET_CLOSED}
 */
public record RequestLogEntry(
        Kind kind,
        Instant time,
        String remoteAddress,
        String method,
        String target,
        String protocol,
        int status,
        long bytesSent,
        Optional<String> referer,
        Optional<String> userAgent,
        Duration duration,
        Optional<String> route,
        OptionalInt closeCode) {

    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    /** The last second formatted: a busy log formats each second once, not once per line. */
    private static volatile ClfSecond lastSecond = new ClfSecond(Long.MIN_VALUE, "");

    private record ClfSecond(long epochSecond, String text) {
    }

    /** What an entry reports. */
    public enum Kind {
        /** A response was written completely. */
        RESPONSE,
        /** The response was cut off: the client went away, or the body failed after the head was sent. */
        ABORTED,
        /** A WebSocket closed; its upgrade was reported before as a {@code 101} {@link #RESPONSE}. */
        WEBSOCKET_CLOSED
    }

    /** Checks that no field is null, and that {@code closeCode} is there iff a WebSocket closed. */
    public RequestLogEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(referer, "referer");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(closeCode, "closeCode");
        if (closeCode.isPresent() != (kind == Kind.WEBSOCKET_CLOSED)) {
            throw InvalidArgumentException.of("closeCode", closeCode, kind == Kind.WEBSOCKET_CLOSED
                    ? "the WebSocket's close code for a " + kind + " entry" : "none for a " + kind + " entry");
        }
    }

    /**
     * The entry in the Combined Log Format, followed by the duration in milliseconds, the route
     * template ({@code "-"} for none) and, for an aborted response or a closed WebSocket, a marker:
     *
     * <pre>
     * 127.0.0.1 - - [03/Dec/2026:10:58:28 +0000] "GET /users/7 HTTP/1.1" 200 13 "-" "curl/8.5" 0.412ms "/users/{id}"
     * 127.0.0.1 - - [03/Dec/2026:10:58:29 +0000] "GET /chat HTTP/1.1" 101 0 "-" "-" 5012.000ms "/chat" ws-close=1000
     * </pre>
     *
     * Times are in UTC; quotes, backslashes and control characters in the quoted fields and in the
     * remote address are escaped, so a client cannot forge a line.
     */
    public String combined() {
        StringBuilder line = new StringBuilder(160);
        quoted(line, remoteAddress);   // not quoted in the format, but escaped: a proxy may have taken it from a header
        line.append(" - - [");
        ClfSecond second = lastSecond;
        if (second.epochSecond() != time.getEpochSecond()) {
            second = new ClfSecond(time.getEpochSecond(), CLF_TIME.format(time));
            lastSecond = second;
        }
        line.append(second.text()).append("] \"");
        quoted(line, method);
        line.append(' ');
        quoted(line, target);
        line.append(' ');
        quoted(line, protocol);
        line.append("\" ").append(status).append(' ');
        if (bytesSent < 0) {
            line.append('-');
        } else {
            line.append(bytesSent);
        }
        line.append(" \"");
        quoted(line, referer.orElse("-"));
        line.append("\" \"");
        quoted(line, userAgent.orElse("-"));
        line.append("\" ");
        long micros = duration.toNanos() / 1000;
        line.append(micros / 1000).append('.');
        long fraction = micros % 1000;
        if (fraction < 100) {
            line.append(fraction < 10 ? "00" : "0");
        }
        line.append(fraction).append("ms \"");
        quoted(line, route.orElse("-"));
        line.append('"');
        if (kind == Kind.ABORTED) {
            line.append(" aborted");
        } else if (kind == Kind.WEBSOCKET_CLOSED) {
            line.append(" ws-close=").append(closeCode.isPresent() ? String.valueOf(closeCode.getAsInt()) : "-");
        }
        return line.toString();
    }

    private static void quoted(StringBuilder line, String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                line.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                line.append(c);
            }
        }
    }
}
