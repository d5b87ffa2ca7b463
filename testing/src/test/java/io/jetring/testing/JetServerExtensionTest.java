package io.jetring.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Response;
import io.jetring.api.ws.WebSocket;
import io.jetring.jetty.JetServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fixtures' own rules: when a server runs, what a test is handed, what the recorder flags. */
class JetServerExtensionTest {
    @Nested
    class PerClass {
        static final Set<JetServer> SEEN = new HashSet<>();

        @RegisterExtension
        static JetServerExtension server = JetServerExtension.of(request -> Response.ok(request.path()));

        @Test
        void one(JetServer running, URI base, HttpClient client) throws Exception {
            SEEN.add(running);
            assertThat(base).isEqualTo(server.baseUri());
            assertThat(base.getHost()).isEqualTo("127.0.0.1");
            assertThat(client).isSameAs(server.client());
            assertThat(server.get("/a").body()).isEqualTo("/a");
        }

        @Test
        void two(JetServer running) {
            SEEN.add(running);
        }

        @AfterAll
        static void oneServerForTheClass() {
            assertThat(SEEN).hasSize(1);
        }
    }

    @Nested
    class PerTest {
        static final Set<JetServer> SEEN = new HashSet<>();

        @RegisterExtension
        JetServerExtension server = JetServerExtension.of(request -> Response.ok("hi"));

        @Test
        void one(JetServer running) {
            SEEN.add(running);
        }

        @Test
        void two(JetServer running) {
            SEEN.add(running);
        }

        @Test
        void aWebSocketUriIsOnTheServersPort() {
            assertThat(server.webSocketUri("/ws?x=1"))
                    .isEqualTo(URI.create("ws://127.0.0.1:" + server.server().port() + "/ws?x=1"));
            assertThatThrownBy(() -> server.webSocketUri("ws")).isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("path: ws (expected: an absolute path, starting with /)");
        }

        @AfterAll
        static void aServerForEachTestStoppedAfterIt() {
            assertThat(SEEN).hasSize(2).noneMatch(JetServer::isRunning);
        }
    }

    @Test
    void theRecorderFlagsAnEventAfterTheClose() throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder();
        WebSocket ws = null;
        recorder.onOpen(ws);
        recorder.onClose(ws, 1000, "");
        recorder.onText(ws, "late");
        recorder.assertNext("open");
        recorder.assertNext("close:1000:");
        assertThat(recorder.next()).isEqualTo("VIOLATION: text:late after close");
        assertThat(recorder.next()).isEqualTo("text:late");
    }
}
