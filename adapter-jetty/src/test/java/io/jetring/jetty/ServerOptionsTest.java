package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import io.jetring.api.JetringException;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** Wrong options fail before anything binds, with a message naming the value and the rule. */
class ServerOptionsTest {
    private static final RingHandler HELLO = request -> Response.ok("hi");

    @Test
    void defaultsAreTheDocumentedOnes() {
        ServerOptions defaults = ServerOptions.defaults();
        assertThat(defaults.host()).isEqualTo("0.0.0.0");
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.requestHeaderTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.maxConnections()).isEmpty();
        assertThat(defaults.maxRequestHeaderSize()).isEqualTo(DataSize.ofKibibytes(8));
        assertThat(defaults.maxBodySize()).isEqualTo(DataSize.ofMebibytes(10));
        assertThat(defaults.asyncTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.stopTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.http2()).isTrue();
        assertThat(defaults.tls()).isEmpty();
        assertThat(ServerOptions.builder().build()).isEqualTo(defaults);
    }

    @Test
    void invalidValuesAreNamed() {
        assertThatThrownBy(() -> ServerOptions.builder().port(-1).build()).isInstanceOf(InvalidOptionException.class)
                .hasMessage("port: -1 (expected: 0..65535)");
        assertThatThrownBy(() -> ServerOptions.builder().port(65536).build())
                .hasMessage("port: 65536 (expected: 0..65535)");
        assertThatThrownBy(() -> ServerOptions.builder().idleTimeout(Duration.ZERO).build())
                .hasMessage("idleTimeout: PT0S (expected: a positive duration)");
        assertThatThrownBy(() -> ServerOptions.builder().asyncTimeout(Duration.ofSeconds(-1)).build())
                .hasMessage("asyncTimeout: PT-1S (expected: a positive duration)");
        assertThatThrownBy(() -> ServerOptions.builder().stopTimeout(Duration.ofSeconds(-1)).build())
                .hasMessage("stopTimeout: PT-1S (expected: zero or a positive duration)");
        assertThatThrownBy(() -> ServerOptions.builder().maxRequestHeaderSize(DataSize.ofBytes(10)).build())
                .hasMessage("maxRequestHeaderSize: 10 bytes (expected: 1 KiB..1 MiB)");
        assertThatThrownBy(() -> ServerOptions.builder().minThreads(20).maxThreads(10).build())
                .hasMessage("maxThreads: 10 (expected: >= 8 and >= minThreads (20))");
        assertThatThrownBy(() -> ServerOptions.builder().maxConnections(0).build())
                .hasMessage("maxConnections: 0 (expected: >= 1)");
        assertThatThrownBy(() -> ServerOptions.builder().requestHeaderTimeout(Duration.ZERO).build())
                .hasMessage("requestHeaderTimeout: PT0S (expected: a positive duration)");
        assertThatThrownBy(() -> ServerOptions.builder().host(" ").build())
                .hasMessage("host: \" \" (expected: a host name or IP address)");
        assertThatThrownBy(() -> TlsOptions.of(Path.of("k.p12"), "pw").withKeyStoreType("PEM"))
                .hasMessage("tls.keyStoreType: PEM (expected: PKCS12 or JKS)");
    }

    @Test
    void aMissingKeyStoreFailsAtRun() {
        ServerOptions options = ServerOptions.builder().port(0).tls(TlsOptions.of(Path.of("/no/such.p12"), "pw")).build();
        assertThatThrownBy(() -> JetServer.run(HELLO, options)).isInstanceOf(InvalidOptionException.class)
                .hasMessage("tls.keyStore: /no/such.p12 (expected: a readable key store file)");
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void virtualThreadsBeforeJava21FailAtRun() {
        ServerOptions options = ServerOptions.builder().port(0).virtualThreads(true).build();
        assertThatThrownBy(() -> JetServer.run(HELLO, options)).isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("virtualThreads: true (expected: false on Java ")
                .hasMessageEndingWith("virtual threads need Java 21 or later)");
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtualThreadsRunSyncHandlers() throws Exception {
        RingHandler handler = request -> Response.ok(Boolean.toString(isVirtual(Thread.currentThread())));
        try (JetServer server = JetServer.run(handler, ServerOptions.builder().host("127.0.0.1").port(0)
                .virtualThreads(true).build())) {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(server.uri()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("true");
        }
    }

    @Test
    void aTakenPortFailsWithTheAddress() {
        try (JetServer first = JetServer.run(HELLO, ServerOptions.builder().host("127.0.0.1").port(0).build())) {
            ServerOptions same = ServerOptions.builder().host("127.0.0.1").port(first.port()).build();
            assertThatThrownBy(() -> JetServer.run(HELLO, same)).isInstanceOf(JetringException.class)
                    .hasMessageStartingWith("could not start on 127.0.0.1:" + first.port());
        }
    }

    @Test
    void portZeroBindsAFreePortAndStopIsIdempotent() {
        JetServer server = JetServer.run(HELLO, ServerOptions.builder().host("127.0.0.1").port(0).build());
        assertThat(server.port()).isPositive();
        assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
        assertThat(server.isRunning()).isTrue();
        server.stop();
        server.close();
        assertThat(server.isRunning()).isFalse();
    }

    private static boolean isVirtual(Thread thread) {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
