package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.Body;
import io.jetring.api.InvalidOptionException;
import io.jetring.api.Response;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.jetty.TlsOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS trust (verified by default, a trust store, insecure only by name) and HTTP/2 (h2 and h2c). */
class TlsAndHttp2Test {
    private static final byte[] BIG = new byte[3 * 1024 * 1024];

    @TempDir
    static Path dir;
    private static TestCerts.Stores certs;
    private static TestCerts.Stores wrongHostCerts;
    private static JetServer https;
    private static JetServer wrongHost;
    private static JetServer clear;
    private static String httpsBase;
    private static String wrongHostBase;
    private static String clearBase;

    @BeforeAll
    static void start() throws Exception {
        Arrays.fill(BIG, (byte) 7);
        certs = TestCerts.generate(dir, "localhost", "dns:localhost", "ip:127.0.0.1");
        wrongHostCerts = TestCerts.generate(dir, "elsewhere", "dns:elsewhere.test");
        Routes routes = new Routes()
                .on("/echo", Echo.HANDLER)
                .on("/big", request -> Response.ok(BIG))
                .on("/echo-stream", request -> Response.stream(request.body().publisher()));
        https = JetServer.run(routes, options().tls(TlsOptions.of(certs.keyStore(), TestCerts.PASSWORD)).build());
        wrongHost = JetServer.run(routes, options().tls(TlsOptions.of(wrongHostCerts.keyStore(), TestCerts.PASSWORD)).build());
        clear = JetServer.run(routes, options().build());
        httpsBase = "https://localhost:" + https.port();
        wrongHostBase = "https://127.0.0.1:" + wrongHost.port();
        clearBase = "http://127.0.0.1:" + clear.port();
    }

    private static ServerOptions.Builder options() {
        return ServerOptions.builder().host("127.0.0.1").port(0);
    }

    @AfterAll
    static void stop() {
        https.close();
        wrongHost.close();
        clear.close();
    }

    private static JetClient client(Trust trust, Http2Mode http2) {
        return JetClient.create(ClientOptions.builder().trust(trust).http2(http2).build());
    }

    @Test
    void aTrustStoreLetsTheClientInAndHttp2IsNegotiated() {
        try (JetClient client = client(Trust.store(certs.trustStore(), TestCerts.PASSWORD), Http2Mode.TLS)) {
            ClientResponse<Echo> response = Await.result(client.get(httpsBase + "/echo", As.json(Echo.class)));
            assertThat(response.protocol()).isEqualTo("HTTP/2.0");
            assertThat(response.body().protocol()).isEqualTo("HTTP/2.0");
        }
    }

    @Test
    void withHttp2DisabledTlsSpeaksHttp11() {
        try (JetClient client = client(Trust.store(certs.trustStore(), TestCerts.PASSWORD), Http2Mode.DISABLED)) {
            assertThat(Await.result(client.get(httpsBase + "/echo", As.json(Echo.class))).protocol()).isEqualTo("HTTP/1.1");
        }
    }

    @Test
    void anUnknownCertificateIsRefusedByDefault() {
        try (JetClient client = JetClient.create()) {
            TlsException failure = Await.failure(client.get(httpsBase + "/echo", As.bytes()), TlsException.class);
            assertThat(failure).hasMessageStartingWith("GET " + httpsBase + "/echo: TLS handshake failed: ")
                    .hasMessageEndingWith("(see ClientOptions.trust for which certificates are accepted)");
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() {
        try (JetClient client = client(Trust.store(wrongHostCerts.trustStore(), TestCerts.PASSWORD), Http2Mode.TLS)) {
            TlsException failure = Await.failure(client.get(wrongHostBase + "/echo", As.bytes()), TlsException.class);
            assertThat(failure).hasMessageContaining("TLS handshake failed");
        }
    }

    @Test
    void theInsecureModeAcceptsAnything() {
        try (JetClient client = client(Trust.insecureTrustAll(), Http2Mode.DISABLED)) {
            // The server checks the Host header against its certificate, so the request names that host.
            assertThat(Await.result(client.get(wrongHostBase + "/echo", r -> r.header("Host", "elsewhere.test")))
                    .status()).isEqualTo(200);
            assertThat(Await.result(client.get(httpsBase + "/echo", As.bytes())).status()).isEqualTo(200);
        }
    }

    @Test
    void aTrustStoreThatCannotBeUsedFailsAtCreation() {
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> JetClient.create(ClientOptions.builder().trust(Trust.store(missing, "x")).build()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("trust.path: " + missing + " (expected: a readable trust store file)");
        assertThatThrownBy(() -> JetClient.create(ClientOptions.builder()
                .trust(Trust.store(certs.trustStore(), "wrong password")).build()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("trust: Store[path=" + certs.trustStore() + "] (expected: a trust store that opens");
    }

    @Test
    void h2cWithPriorKnowledge() {
        try (JetClient client = client(Trust.systemDefault(), Http2Mode.PRIOR_KNOWLEDGE)) {
            ClientResponse<Echo> response = Await.result(client.post(clearBase + "/echo", Body.of("over h2c"), As.json(Echo.class)));
            assertThat(response.protocol()).isEqualTo("HTTP/2.0");
            assertThat(response.body().protocol()).isEqualTo("HTTP/2.0");
            assertThat(response.body().body()).isEqualTo("over h2c");
        }
    }

    @Test
    void clearTextIsHttp11UnlessToldOtherwise() {
        try (JetClient client = JetClient.create()) {
            assertThat(Await.result(client.get(clearBase + "/echo", As.bytes())).protocol()).isEqualTo("HTTP/1.1");
        }
    }

    @Test
    void largeBodiesOverH2cInEveryForm() throws Exception {
        try (JetClient client = client(Trust.systemDefault(), Http2Mode.PRIOR_KNOWLEDGE)) {
            assertThat(Await.result(client.get(clearBase + "/big", As.bytes())).body()).isEqualTo(BIG);
            try (InputStream in = Await.result(client.get(clearBase + "/big", As.inputStream())).body()) {
                assertThat(in.readAllBytes()).isEqualTo(BIG);
            }
            ClientResponse<Flow.Publisher<byte[]>> streamed = Await.result(client.get(clearBase + "/big", As.publisher()));
            assertThat(streamed.protocol()).isEqualTo("HTTP/2.0");
            Recorder recorder = new Recorder();
            streamed.body().subscribe(recorder);
            recorder.request(Long.MAX_VALUE);
            recorder.awaitDone();
            assertThat(recorder.received()).isEqualTo(BIG);
        }
    }

    @Test
    void streamingBothWaysOverH2() throws Exception {
        SubmissionPublisher<byte[]> upload = new SubmissionPublisher<>();
        try (JetClient client = client(Trust.store(certs.trustStore(), TestCerts.PASSWORD), Http2Mode.TLS)) {
            var call = client.post(httpsBase + "/echo-stream", Body.of(upload), As.publisher());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Await.SECONDS);
            while (upload.getNumberOfSubscribers() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            upload.submit("one".getBytes(StandardCharsets.UTF_8));
            ClientResponse<Flow.Publisher<byte[]>> response = Await.result(call);
            assertThat(response.protocol()).isEqualTo("HTTP/2.0");
            Recorder recorder = new Recorder();
            response.body().subscribe(recorder);
            recorder.request(Long.MAX_VALUE);
            assertThat(recorder.chunks.poll(Await.SECONDS, TimeUnit.SECONDS)).asString(StandardCharsets.UTF_8).isEqualTo("one");
            upload.submit("two".getBytes(StandardCharsets.UTF_8));
            upload.close();
            recorder.awaitDone();
            assertThat(new String(recorder.received(), StandardCharsets.UTF_8)).isEqualTo("onetwo");
        }
    }
}
