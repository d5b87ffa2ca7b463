package io.jetring.middleware;

import io.jetring.api.InvalidOptionException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link ServerSentEvents} streams: one immutable value, {@link #defaults()} then {@code with…}.
 *
 * <table>
 *   <caption>Server-Sent Events options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>heartbeat</td><td>15 s</td><td>a comment line is sent after this long without an event, so
 *       proxies and the idle timeout do not close a quiet stream and a gone client is noticed;
 *       empty: none</td></tr>
 *   <tr><td>retry</td><td>none</td><td>the reconnection delay sent first; empty: the browser's
 *       (about 3 s)</td></tr>
 * </table>
 *
 * @param heartbeat how long the stream may be silent
 * @param retry     the reconnection delay to announce
 */
public record SseOptions(Optional<Duration> heartbeat, Optional<Duration> retry) {
    private static final SseOptions DEFAULTS = new SseOptions(Optional.of(Duration.ofSeconds(15)), Optional.empty());

    /** Checks every rule. */
    public SseOptions {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(retry, "retry");
        heartbeat.ifPresent(h -> {
            if (h.isNegative() || h.isZero()) {
                throw InvalidOptionException.of("heartbeat", h, "positive");
            }
        });
        retry.ifPresent(r -> {
            if (r.isNegative()) {
                throw InvalidOptionException.of("retry", r, "zero or positive");
            }
        });
    }

    /** The defaults of the table above. */
    public static SseOptions defaults() {
        return DEFAULTS;
    }

    /** With a heartbeat this often. */
    public SseOptions withHeartbeat(Duration heartbeat) {
        return new SseOptions(Optional.of(heartbeat), retry);
    }

    /** Without heartbeats. */
    public SseOptions withoutHeartbeat() {
        return new SseOptions(Optional.empty(), retry);
    }

    /** With this reconnection delay announced first. */
    public SseOptions withRetry(Duration retry) {
        return new SseOptions(heartbeat, Optional.of(retry));
    }
}
