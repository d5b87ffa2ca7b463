package io.jetring.servlet.testing;

import io.jetring.api.DataSize;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.net.URI;
import java.time.Duration;

/** The reference: JetServer on Jetty core, HTTP/1.1 and h2c. */
final class JetServerFixture implements ContainerFixture {
    @Override
    public String name() {
        return "JetServer";
    }

    @Override
    public RunningServer start(RingHandler handler, DataSize maxBodySize, Duration asyncTimeout) {
        JetServer server = JetServer.run(handler, ServerOptions.builder().host("127.0.0.1").port(0)
                .maxBodySize(maxBodySize).asyncTimeout(asyncTimeout).stopTimeout(Duration.ofSeconds(1)).build());
        return running(server);
    }

    @Override
    public RunningServer start(RingHandler handler, WebSocketHandler websockets, WebSocketOptions options) {
        return running(JetServer.run(handler, ServerOptions.builder().host("127.0.0.1").port(0)
                .websocketHandler(websockets).websocket(options).stopTimeout(Duration.ofSeconds(1)).build()));
    }

    @Override
    public RunningServer start(RingHandler handler, WebSocketOptions options) {
        return running(JetServer.run(handler, ServerOptions.builder().host("127.0.0.1").port(0)
                .websocket(options).stopTimeout(Duration.ofSeconds(1)).build()));
    }

    private static RunningServer running(JetServer server) {
        URI base = server.uri();
        return new RunningServer() {
            @Override
            public URI baseUri() {
                return base;
            }

            @Override
            public void close() {
                server.stop();
            }
        };
    }
}
