package io.jetring.client;

import io.jetring.api.RingHandler;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;

/** The bodies contract over the network, against a JetServer. */
class BodiesOverJetServerTest extends BodiesContract {
    private JetServer server;

    @Override
    void start(RingHandler handler) {
        server = JetServer.run(handler, ServerOptions.builder().host("127.0.0.1").port(0).build());
        client = JetClient.create();
        base = "http://127.0.0.1:" + server.port();
    }

    @Override
    void stop() {
        server.close();
    }
}
