package io.jetring.client;

import io.jetring.api.RingHandler;
import java.time.Duration;

/** The engine rules in memory: the client runs the handler itself. */
class EngineRulesInProcessTest extends EngineRulesContract {
    @Override
    Served serve(RingHandler handler, Duration asyncTimeout) {
        JetClient client = JetClient.inProcess(handler,
                ClientOptions.builder().inProcessAsyncTimeout(asyncTimeout).build());
        return new Served() {
            @Override
            public JetClient client() {
                return client;
            }

            @Override
            public String base() {
                return "http://app.test";
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
