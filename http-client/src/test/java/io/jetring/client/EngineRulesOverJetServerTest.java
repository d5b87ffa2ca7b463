package io.jetring.client;

import io.jetring.api.DataSize;
import io.jetring.api.RingHandler;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.time.Duration;

/** The engine rules over the network, against a JetServer. */
class EngineRulesOverJetServerTest extends EngineRulesContract {
    @Override
    Served serve(RingHandler handler, Duration asyncTimeout) {
        JetServer server = JetServer.run(handler, ServerOptions.builder().host("127.0.0.1").port(0)
                .maxBodySize(DataSize.ofKibibytes(64)).asyncTimeout(asyncTimeout).build());
        JetClient client = JetClient.create();
        return new Served() {
            @Override
            public JetClient client() {
                return client;
            }

            @Override
            public String base() {
                return "http://127.0.0.1:" + server.port();
            }

            @Override
            public void close() {
                try {
                    client.close();
                } finally {
                    server.close();
                }
            }
        };
    }
}
