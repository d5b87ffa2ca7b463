package io.jetring.middleware;

import io.jetring.api.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One Server-Sent Event: its data and, optionally, an id (which the browser sends back as
 * {@code Last-Event-ID} when it reconnects), an event type and a reconnection delay. Build with
 * {@link #of(String)} and the {@code with…} methods.
 *
 * @param data  the text; a line break in it is sent as several {@code data:} lines and arrives as
 *              one line break
 * @param id    the event's id; no CR, LF or NUL
 * @param event the event type the page listens for ({@code message} if empty); no CR or LF
 * @param retry how long the browser waits before reconnecting, from this event on
 */
public record ServerSentEvent(String data, Optional<String> id, Optional<String> event, Optional<Duration> retry) {

    /** Requires the fields and checks that none could break the stream's framing. */
    public ServerSentEvent {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(retry, "retry");
        id.ifPresent(i -> {
            if (i.indexOf('\r') >= 0 || i.indexOf('\n') >= 0 || i.indexOf('\0') >= 0) {
                throw InvalidArgumentException.of("id", quoted(i), "text without CR, LF or NUL");
            }
        });
        event.ifPresent(e -> {
            if (e.isEmpty() || e.indexOf('\r') >= 0 || e.indexOf('\n') >= 0) {
                throw InvalidArgumentException.of("event", quoted(e), "a name without CR or LF");
            }
        });
        retry.ifPresent(r -> {
            if (r.isNegative()) {
                throw InvalidArgumentException.of("retry", r, "zero or positive");
            }
        });
    }

    /** An event of type {@code message} with this data. */
    public static ServerSentEvent of(String data) {
        return new ServerSentEvent(data, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This event with an id. */
    public ServerSentEvent withId(String id) {
        return new ServerSentEvent(data, Optional.of(id), event, retry);
    }

    /** This event with a type. */
    public ServerSentEvent withEvent(String event) {
        return new ServerSentEvent(data, id, Optional.of(event), retry);
    }

    /** This event with a reconnection delay. */
    public ServerSentEvent withRetry(Duration retry) {
        return new ServerSentEvent(data, id, event, Optional.of(retry));
    }

    /** The event as it goes on the wire, in UTF-8, ending with the blank line that dispatches it. */
    byte[] encode() {
        StringBuilder sb = new StringBuilder(data.length() + 32);
        event.ifPresent(e -> sb.append("event: ").append(e).append('\n'));
        id.ifPresent(i -> sb.append("id: ").append(i).append('\n'));
        retry.ifPresent(r -> sb.append("retry: ").append(r.toMillis()).append('\n'));
        int start = 0;
        for (int i = 0; i <= data.length(); i++) {
            char c = i < data.length() ? data.charAt(i) : '\n';
            if (c == '\r' || c == '\n') {
                sb.append("data: ").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + "\"";
    }
}
