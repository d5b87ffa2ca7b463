package io.jetring.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jetring.api.DataSize;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.client.ws.WebSocketClient;
import io.jetring.jetty.ServerOptions;
import io.jetring.testing.JetServerExtension;
import io.jetring.testing.RawHttp;
import io.jetring.testing.WebSocketRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The examples of {@code docs/testing.md}, compiled and run: each nested class is one test class of
 * the guide, as an application would write it.
 */
class TestingGuideTest {
    /** The handler the guide tests: a greeting, and an echo of the request body. */
    static final RingHandler APP = request -> request.path().equals("/echo")
            ? Response.ok(new String(request.body().readAllBytes(), UTF_8))
            : Response.ok("Hello, " + request.queryParam("name").orElse("World") + "!");

    @Nested
    class HelloTest {
        @RegisterExtension
        static JetServerExtension server = JetServerExtension.of(APP);

        @Test
        void greets() throws Exception {
            HttpResponse<String> response = server.get("/?name=Ring");
            assertEquals(200, response.statusCode());
            assertEquals("Hello, Ring!", response.body());
        }

        @Test
        void echoes(URI base, HttpClient client) throws Exception {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(base.resolve("/echo")).POST(HttpRequest.BodyPublishers.ofString("hi")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hi", response.body());
        }
    }

    @Nested
    class LimitsTest {
        @RegisterExtension
        JetServerExtension server = JetServerExtension.of(
                RingHandler.async(request -> request.body().bytes().thenApply(body -> Response.ok(body.length + " bytes"))),
                ServerOptions.builder().maxBodySize(DataSize.ofKibibytes(1)).build());

        @Test
        void refusesALargeBody() throws Exception {
            HttpResponse<String> response = server.client().send(
                    HttpRequest.newBuilder(server.uri("/")).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2048])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode());
        }
    }

    @Nested
    class MalformedTest {
        @RegisterExtension
        static JetServerExtension server = JetServerExtension.of(APP);

        @Test
        void answers400ToAHeaderWithoutAColon() throws Exception {
            try (RawHttp raw = RawHttp.connect(server.baseUri())) {
                String head = raw.send("GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n").readHead();
                assertTrue(head.startsWith("HTTP/1.1 400 "), head);
            }
        }
    }

    @Nested
    class EchoSocketTest {
        static final WebSocketHandler ECHO = request -> WebSocketUpgrade.accept(new WebSocketListener() {
            @Override
            public void onText(WebSocket ws, String text) {
                ws.sendText(text);
            }
        });

        @RegisterExtension
        static JetServerExtension server = JetServerExtension.of(APP,
                ServerOptions.builder().websocketHandler(ECHO).build());

        @Test
        void echoesText() throws Exception {
            WebSocketRecorder recorder = new WebSocketRecorder();
            try (WebSocketClient client = WebSocketClient.create()) {
                WebSocket ws = client.connect(server.webSocketUri("/echo"), recorder).toCompletableFuture().get(10, SECONDS);
                recorder.assertNext("open");
                ws.sendText("hi");
                recorder.assertNext("text:hi");
                ws.close(1000, "done");
                recorder.assertNext("close:1000:done");
            }
        }
    }
}
