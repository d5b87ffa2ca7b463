package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.jetty.TlsOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Going through an HTTP proxy: plain requests in absolute form, TLS through a CONNECT tunnel. */
class ProxyTest {
    @TempDir
    static Path dir;
    private static TestCerts.Stores certs;
    private static JetServer http;
    private static JetServer https;
    private static TestProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCerts.generate(dir, "localhost", "dns:localhost", "ip:127.0.0.1");
        Routes routes = new Routes().on("/echo", Echo.HANDLER);
        http = JetServer.run(routes, ServerOptions.builder().host("127.0.0.1").port(0).build());
        https = JetServer.run(routes, ServerOptions.builder().host("127.0.0.1").port(0)
                .tls(TlsOptions.of(certs.keyStore(), TestCerts.PASSWORD)).build());
        proxy = new TestProxy();
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        http.close();
        https.close();
    }

    private static JetClient client(ProxyOptions options) {
        return JetClient.create(ClientOptions.builder().proxy(options)
                .trust(Trust.store(certs.trustStore(), TestCerts.PASSWORD)).build());
    }

    @Test
    void plainRequestsGoToTheProxyInAbsoluteForm() {
        String url = "http://127.0.0.1:" + http.port() + "/echo?via=proxy";
        try (JetClient client = client(ProxyOptions.of("127.0.0.1", proxy.port()))) {
            Echo echo = Await.result(client.get(url, As.json(Echo.class))).body();
            assertThat(echo.params()).containsEntry("via", List.of("proxy"));
            assertThat(proxy.requestLines).contains("GET " + url + " HTTP/1.1");
        }
    }

    @Test
    void tlsGoesThroughAConnectTunnel() {
        String url = "https://localhost:" + https.port() + "/echo";
        try (JetClient client = client(ProxyOptions.of("127.0.0.1", proxy.port()))) {
            ClientResponse<Echo> response = Await.result(client.get(url, As.json(Echo.class)));
            assertThat(response.status()).isEqualTo(200);
            assertThat(proxy.requestLines).contains("CONNECT localhost:" + https.port() + " HTTP/1.1");
        }
    }

    @Test
    void excludedHostsAreReachedDirectly() {
        String url = "http://127.0.0.1:" + http.port() + "/echo?direct";
        ProxyOptions bypassed = ProxyOptions.of("127.0.0.1", proxy.port())
                .withExcludedHosts(List.of("127.0.0.1:" + http.port()));
        try (JetClient client = client(bypassed)) {
            assertThat(Await.result(client.get(url, As.bytes())).status()).isEqualTo(200);
            assertThat(proxy.requestLines).noneMatch(line -> line.contains("/echo?direct"));
        }
    }
}
