package io.jetring.servlet.internal;

import java.lang.System.Logger.Level;

/**
 * The bridge's one logger, {@code io.jetring.servlet.RingServlet}. It is a JDK
 * {@link System.Logger}, so the bridge needs no logging library: the container's (or the
 * application's) {@code java.util.logging} setup, or an SLF4J/Log4j platform-logger binding, decides
 * where the lines go.
 */
final class Log {
    static final System.Logger LOGGER = System.getLogger("io.jetring.servlet.RingServlet");

    private Log() {
    }

    static void error(Exchange exchange, String what, Throwable failure) {
        log(Level.ERROR, exchange, what, failure);
    }

    static void warn(Exchange exchange, String what, Throwable failure) {
        log(Level.WARNING, exchange, what, failure);
    }

    static void debug(Exchange exchange, String what, Throwable failure) {
        log(Level.DEBUG, exchange, what, failure);
    }

    private static void log(Level level, Exchange exchange, String what, Throwable failure) {
        if (LOGGER.isLoggable(level)) {
            String message = exchange.describe() + ": " + what;
            if (failure == null) {
                LOGGER.log(level, message);
            } else {
                LOGGER.log(level, message, failure);
            }
        }
    }
}
