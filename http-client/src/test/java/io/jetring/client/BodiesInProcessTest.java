package io.jetring.client;

import io.jetring.api.RingHandler;

/** The bodies contract in memory: the client calls the handler directly. */
class BodiesInProcessTest extends BodiesContract {
    @Override
    void start(RingHandler handler) {
        client = JetClient.inProcess(handler);
        base = "http://localhost:8080";
    }

    @Override
    void stop() {
        // Nothing runs but the client.
    }
}
