package io.jetring.client.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidArgumentException;
import io.jetring.api.ws.WebSocketTimeoutException;
import io.jetring.testing.KeyStores;
import io.jetring.testing.WebSocketRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's failures, each against a minimal server that misbehaves in one way. */
class WebSocketClientTest {
    @TempDir
    Path temp;

    private final WebSocketClient client = WebSocketClient.create(
            WebSocketClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(5)));
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    private Throwable failure(CompletableFuture<?> connect) {
        try {
            connect.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("connect did not fail in time", e);
        }
        throw new AssertionError("connect succeeded");
    }

    @Test
    void aRefusedConnectionFailsWithConnectException() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        WebSocketRecorder listener = new WebSocketRecorder();
        Throwable failure = failure(client.connect(URI.create("ws://127.0.0.1:" + port + "/"), listener).toCompletableFuture());
        assertThat(failure).isInstanceOf(ConnectException.class);
        listener.assertNoMoreEvents(Duration.ofMillis(100));
    }

    @Test
    void aRefusedUpgradeFailsWithItsHttpStatus() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CompletableFuture.runAsync(() -> answer(server, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/private");
        WebSocketRecorder listener = new WebSocketRecorder();

        Throwable failure = failure(client.connect(uri, listener).toCompletableFuture());
        assertThat(failure).isInstanceOf(WebSocketUpgradeException.class)
                .hasMessage("connect " + uri + ": the server answered 403 (expected: 101 Switching Protocols)");
        assertThat(((WebSocketUpgradeException) failure).status()).isEqualTo(403);
        listener.assertNoMoreEvents(Duration.ofMillis(100));
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CompletableFuture.runAsync(() -> {
            try (Socket silent = server.accept()) {
                silent.getInputStream().read(new byte[1024]);
                silent.setSoTimeout(20_000);
                silent.getInputStream().read();
            } catch (IOException ignored) {
                // the client gave up
            }
        });
        try (WebSocketClient impatient = WebSocketClient.create(
                WebSocketClientOptions.defaults().withConnectTimeout(Duration.ofMillis(300)))) {
            Throwable failure = failure(impatient.connect(
                    URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/"), new WebSocketRecorder()).toCompletableFuture());
            assertThat(failure).isInstanceOf(WebSocketTimeoutException.class).hasMessageContaining("PT0.3S");
        }
    }

    @Test
    void anUntrustedCertificateFailsTheTlsHandshake() throws Exception {
        Path keyStore = KeyStores.generate(temp, "localhost");
        server = tlsServer(keyStore);
        Throwable failure = failure(client.connect(
                URI.create("wss://127.0.0.1:" + server.getLocalPort() + "/"), new WebSocketRecorder()).toCompletableFuture());
        assertThat(failure).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aTrustedCertificateForAnotherHostFailsTheTlsHandshake() throws Exception {
        Path keyStore = KeyStores.generate(temp, "elsewhere", "dns:elsewhere.example");
        server = tlsServer(keyStore);
        try (WebSocketClient trusting = WebSocketClient.create(
                WebSocketClientOptions.defaults().withSslContext(KeyStores.trusting(keyStore)))) {
            Throwable failure = failure(trusting.connect(
                    URI.create("wss://127.0.0.1:" + server.getLocalPort() + "/"), new WebSocketRecorder()).toCompletableFuture());
            assertThat(failure).as("host names are verified").isInstanceOf(SSLHandshakeException.class);
        }
    }

    private static ServerSocket tlsServer(Path keyStore) throws Exception {
        SSLServerSocket tls = (SSLServerSocket) KeyStores.presenting(keyStore, keyStore).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CompletableFuture.runAsync(() -> {
            try (SSLSocket socket = (SSLSocket) tls.accept()) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
            } catch (IOException expected) {
                // the client refuses the certificate
            }
        });
        return tls;
    }

    private static void answer(ServerSocket server, String response) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            OutputStream out = socket.getOutputStream();
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // the test sees the client's side
        }
    }

    @Test
    void requestsAndOptionsAreValidated() {
        assertThatThrownBy(() -> WebSocketRequest.of("http://localhost/"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("uri: http://localhost/ (expected: a ws:// or wss:// URI)");
        assertThatThrownBy(() -> WebSocketRequest.of("ws://localhost/").withHeader("Sec-WebSocket-Key", "x"))
                .hasMessageStartingWith("header Sec-WebSocket-Key: x (expected: none of Connection, Upgrade, Sec-WebSocket-*");
        assertThatThrownBy(() -> WebSocketRequest.of("ws://localhost/").withSubprotocols("two words"))
                .hasMessage("subprotocol: \"two words\" (expected: an RFC 9110 token such as v2.chat)");
        assertThatThrownBy(() -> WebSocketClientOptions.defaults().withConnectTimeout(Duration.ZERO))
                .hasMessage("connectTimeout: PT0S (expected: a positive duration of at least 1 ms)");
        WebSocketRequest request = WebSocketRequest.of("wss://chat.example/r?x=1").withHeader("Authorization", "Bearer t")
                .withSubprotocols("v2", "v1");
        assertThat(request.headers().first("authorization")).contains("Bearer t");
        assertThat(request.subprotocols()).containsExactly("v2", "v1");
    }
}
