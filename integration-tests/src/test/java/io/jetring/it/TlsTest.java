package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.jetty.ClientAuth;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.jetty.TlsOptions;
import io.jetring.testing.KeyStores;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with client certificates, and no protocol older than TLS 1.2. */
class TlsTest {
    @TempDir
    static Path dir;
    static Path serverKeys;
    static Path serverTrust;
    static Path clientKeys;
    static Path clientTrust;
    static final AtomicReference<Request> seen = new AtomicReference<>();
    static final RingHandler HANDLER = request -> {
        seen.set(request);
        return Response.ok("certs=" + request.sslClientCerts().size());
    };

    @BeforeAll
    static void keys() throws Exception {
        serverKeys = KeyStores.generate(dir, "localhost");
        clientKeys = KeyStores.generate(dir, "client");
        serverTrust = KeyStores.trustStoreFor(serverKeys, dir);
        clientTrust = KeyStores.trustStoreFor(clientKeys, dir);
    }

    private static JetServer serve(ClientAuth auth, AtomicReference<Server> jetty) {
        TlsOptions tls = TlsOptions.of(serverKeys, KeyStores.PASSWORD).withClientAuth(auth)
                .withTrustStore(clientTrust, KeyStores.PASSWORD);
        return JetServer.run(HANDLER, ServerOptions.builder().host("127.0.0.1").port(0).tls(tls)
                .jettyCustomizer(jetty::set).build());
    }

    @Test
    void requiredClientCertificatesReachTheHandlerAndClientsWithoutOneAreRefused() throws Exception {
        try (JetServer server = serve(ClientAuth.NEED, new AtomicReference<>())) {
            HttpClient withCert = HttpClient.newBuilder().sslContext(KeyStores.presenting(clientKeys, serverTrust)).build();
            HttpResponse<String> response = withCert.send(HttpRequest.newBuilder(server.uri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("certs=1");
            assertThat(seen.get().sslClientCerts().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=client");
            assertThat(seen.get().scheme()).isEqualTo("https");

            HttpClient withoutCert = HttpClient.newBuilder().sslContext(KeyStores.trusting(serverTrust)).build();
            assertThatThrownBy(() -> withoutCert.send(HttpRequest.newBuilder(server.uri()).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void wantedClientCertificatesAreOptional() throws Exception {
        try (JetServer server = serve(ClientAuth.WANT, new AtomicReference<>())) {
            HttpClient withoutCert = HttpClient.newBuilder().sslContext(KeyStores.trusting(serverTrust)).build();
            assertThat(withoutCert.send(HttpRequest.newBuilder(server.uri()).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("certs=0");
        }
    }

    @Test
    void protocolsOlderThanTls12AreRefused() throws Exception {
        AtomicReference<Server> jetty = new AtomicReference<>();
        try (JetServer server = serve(ClientAuth.NONE, jetty)) {
            SslConnectionFactory ssl = jetty.get().getConnectors()[0].getConnectionFactory(SslConnectionFactory.class);
            assertThat(List.of(ssl.getSslContextFactory().getSelectedProtocols()))
                    .isNotEmpty().isSubsetOf("TLSv1.3", "TLSv1.2");
            for (String old : new String[] {"TLSv1", "TLSv1.1"}) {
                try (SSLSocket socket = (SSLSocket) KeyStores.trusting(serverTrust).getSocketFactory()
                        .createSocket("127.0.0.1", server.port())) {
                    socket.setSoTimeout(10_000);
                    socket.setEnabledProtocols(new String[] {old});
                    assertThatThrownBy(socket::startHandshake).as(old).isInstanceOf(IOException.class);
                }
            }
        }
    }
}
