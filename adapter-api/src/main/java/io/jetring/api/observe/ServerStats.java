package io.jetring.api.observe;

import java.util.OptionalInt;

/**
 * Live counts an engine keeps, read when asked (a metrics registry reads them as gauges). Every
 * method is cheap and safe from any thread.
 */
public interface ServerStats {
    /** Requests being handled or answered now. */
    int requestsInFlight();

    /** Open client connections; empty where the engine does not own them (a servlet container does). */
    OptionalInt openConnections();

    /** Open WebSockets. */
    int openWebSockets();

    /** Whether a graceful stop has begun (its quiet period, or its drain). */
    boolean stopping();
}
