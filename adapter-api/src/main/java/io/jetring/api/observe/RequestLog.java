package io.jetring.api.observe;

/**
 * Where an engine's request log goes: called once for every {@link RequestLogEntry}, on whichever
 * thread ended the exchange (often an I/O thread). It must be quick and must not block; a throw is
 * logged and otherwise ignored. The engines also offer a ready-made log that writes
 * {@link RequestLogEntry#combined()} lines to the SLF4J logger {@code io.jetring.access}.
 */
@FunctionalInterface
public interface RequestLog {
    /** Records one ended exchange. */
    void log(RequestLogEntry entry);

    /** A log that hands each entry to this one, then to {@code next} (even if this one threw). */
    default RequestLog andThen(RequestLog next) {
        java.util.Objects.requireNonNull(next, "next");
        return entry -> {
            try {
                log(entry);
            } finally {
                next.log(entry);
            }
        };
    }
}
