package io.jetring.jetty.internal;

import io.jetring.api.observe.RequestLog;
import io.jetring.api.observe.RequestLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ready-made request log: one {@link RequestLogEntry#combined()} line per entry, at INFO, to {@code io.jetring.access}. */
public final class Slf4jRequestLog implements RequestLog {
    /** The one instance. */
    public static final RequestLog INSTANCE = new Slf4jRequestLog();
    private static final Logger ACCESS = LoggerFactory.getLogger("io.jetring.access");

    private Slf4jRequestLog() {
    }

    @Override
    public void log(RequestLogEntry entry) {
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info(entry.combined());
        }
    }

    @Override
    public String toString() {
        return "RequestLog[slf4j io.jetring.access]";
    }
}
