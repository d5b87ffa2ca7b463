package io.jetring.engine;

import io.jetring.api.observe.RequestLog;
import io.jetring.api.observe.RequestLogEntry;
import io.jetring.api.observe.ServerObserver;
import io.jetring.api.observe.ServerStats;
import io.jetring.engine.ws.ConnectionObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * What an engine tells its observers, the same way in every engine: the request log (as one more
 * observer) and the {@link ServerObserver}s of the options, each called in turn; one that throws is
 * reported to the engine's {@code warn} and the others are still called. Applications never use it.
 */
public final class Observers {
    private final ServerObserver[] observers;
    private final BiConsumer<String, RuntimeException> warn;

    private Observers(List<ServerObserver> observers, BiConsumer<String, RuntimeException> warn) {
        this.observers = observers.toArray(ServerObserver[]::new);
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    /**
     * The observers of an engine with {@code requestLog} and {@code observers}; {@code warn} logs a
     * failing one in the engine's own log ({@code message}, failure).
     */
    public static Observers of(Optional<RequestLog> requestLog, List<ServerObserver> observers,
                               BiConsumer<String, RuntimeException> warn) {
        List<ServerObserver> all = new ArrayList<>();
        requestLog.ifPresent(log -> all.add(new ServerObserver() {
            @Override
            public void exchanged(RequestLogEntry entry) {
                log.log(entry);
            }
        }));
        all.addAll(observers);
        return new Observers(all, warn);
    }

    /** Whether there is none: no request log and no observer. */
    public boolean isEmpty() {
        return observers.length == 0;
    }

    /** The engine serves: every observer gets its live counts. */
    public void started(ServerStats stats) {
        for (ServerObserver observer : observers) {
            try {
                observer.started(stats);
            } catch (RuntimeException e) {
                warn.accept("a server observer failed in started()", e);
            }
        }
    }

    /** The engine stopped (or failed to start): every observer is told. */
    public void stopped() {
        for (ServerObserver observer : observers) {
            try {
                observer.stopped();
            } catch (RuntimeException e) {
                warn.accept("a server observer failed in stopped()", e);
            }
        }
    }

    /** One exchange ended: the request log and every observer see its entry. */
    public void exchanged(RequestLogEntry entry) {
        for (ServerObserver observer : observers) {
            try {
                observer.exchanged(entry);
            } catch (RuntimeException e) {
                warn.accept("a request log or server observer failed", e);
            }
        }
    }

    /**
     * The observer of a WebSocket upgraded by the request {@code upgrade} describes (its fields, read
     * while the request was live), which began at {@code beginNanos} ({@link System#nanoTime()}): it
     * counts the messages and, at the close, reports a {@link RequestLogEntry.Kind#WEBSOCKET_CLOSED}
     * entry with the close code, the time since the request began and the route {@code route} gives
     * then. {@code opened} and {@code closed} run first at the open and the close (an engine's own count).
     */
    public ConnectionObserver webSocket(RequestLogEntry upgrade, long beginNanos, Supplier<Optional<String>> route,
                                        Runnable opened, Runnable closed) {
        return new ConnectionObserver() {
            @Override
            public void opened() {
                opened.run();
                for (ServerObserver observer : observers) {
                    try {
                        observer.webSocketOpened();
                    } catch (RuntimeException e) {
                        warn.accept("a server observer failed in webSocketOpened()", e);
                    }
                }
            }

            @Override
            public void messageIn(long bytes) {
                for (ServerObserver observer : observers) {
                    try {
                        observer.webSocketMessageIn(bytes);
                    } catch (RuntimeException e) {
                        warn.accept("a server observer failed in webSocketMessageIn()", e);
                    }
                }
            }

            @Override
            public void messageOut(long bytes) {
                for (ServerObserver observer : observers) {
                    try {
                        observer.webSocketMessageOut(bytes);
                    } catch (RuntimeException e) {
                        warn.accept("a server observer failed in webSocketMessageOut()", e);
                    }
                }
            }

            @Override
            public void closed(int code) {
                closed.run();
                exchanged(new RequestLogEntry(RequestLogEntry.Kind.WEBSOCKET_CLOSED, upgrade.time(),
                        upgrade.remoteAddress(), upgrade.method(), upgrade.target(), upgrade.protocol(), 101, 0,
                        upgrade.referer(), upgrade.userAgent(), Duration.ofNanos(System.nanoTime() - beginNanos),
                        route.get(), OptionalInt.of(code)));
            }
        };
    }

    @Override
    public String toString() {
        return "Observers[" + observers.length + "]";
    }
}
