package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.testing.KeyStores;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/2 in clear text (h2c) and over TLS (ALPN), next to HTTP/1.1 on the same port. */
class Http2Test {
    @TempDir
    static Path dir;
    static Path keyStore;
    static final AtomicReference<Request> seen = new AtomicReference<>();
    static final RingHandler HANDLER = request -> {
        seen.set(request);
        return Response.ok(request.protocol() + " " + request.scheme());
    };

    @BeforeAll
    static void generateKeyStore() throws Exception {
        keyStore = KeyStores.generate(dir, "localhost");
    }

    @Test
    void h2cAndHttp11ShareThePort() throws Exception {
        try (JetServer server = JetServer.run(HANDLER, local().build())) {
            HttpResponse<String> h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()
                    .send(HttpRequest.newBuilder(server.uri().resolve("/x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(h2.body()).isEqualTo("HTTP/2.0 http");

            HttpResponse<String> h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(h1.body()).isEqualTo("HTTP/1.1 http");
        }
    }

    @Test
    void http2CanBeTurnedOff() throws Exception {
        try (JetServer server = JetServer.run(HANDLER, local().http2(false).build())) {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()
                    .send(HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
    }

    @Test
    void h2OverTlsIsNegotiatedWithAlpn() throws Exception {
        try (JetServer server = JetServer.run(HANDLER, local().tls(TlsOptions.of(keyStore, KeyStores.PASSWORD)).build())) {
            assertThat(server.uri().getScheme()).isEqualTo("https");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                    .sslContext(KeyStores.trusting(keyStore)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.body()).isEqualTo("HTTP/2.0 https");
            assertThat(seen.get().sslClientCerts()).isEmpty();

            HttpResponse<String> h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(KeyStores.trusting(keyStore)).build()
                    .send(HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(h1.body()).isEqualTo("HTTP/1.1 https");
        }
    }

    @Test
    void tlsWithoutHttp2ServesHttp11() throws Exception {
        ServerOptions options = local().http2(false).tls(TlsOptions.of(keyStore, KeyStores.PASSWORD)).build();
        try (JetServer server = JetServer.run(HANDLER, options)) {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                    .sslContext(KeyStores.trusting(keyStore)).build()
                    .send(HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(response.body()).isEqualTo("HTTP/1.1 https");
        }
    }

    private static ServerOptions.Builder local() {
        return ServerOptions.builder().host("127.0.0.1").port(0);
    }
}
