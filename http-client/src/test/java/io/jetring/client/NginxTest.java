package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.DataSize;
import io.jetring.jetty.testing.Nginx;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.Flow;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against an HTTP implementation nobody here wrote: nginx. */
class NginxTest {
    private static final int LARGE = 12 * 1024 * 1024;

    @TempDir
    static Path dir;
    private static Nginx nginx;
    private static JetClient client;
    private static String base;
    private static byte[] large;
    private static String page;

    @BeforeAll
    static void start() throws Exception {
        Path html = Files.createDirectories(dir.resolve("html"));
        Files.writeString(html.resolve("hello.txt"), "hello from nginx\n");
        Files.writeString(html.resolve("person.json"), "{\"name\":\"Grace\",\"age\":85}");
        page = "<p>compress me</p>\n".repeat(4096);
        Files.writeString(html.resolve("page.html"), page);
        large = new byte[LARGE];
        new Random(42).nextBytes(large);
        Files.write(html.resolve("large.bin"), large);
        nginx = Nginx.start(dir, """
                location = /old { return 301 /hello.txt; }
                location = /accept-encoding { default_type text/plain; return 200 "[$http_accept_encoding]"; }
                location /gzip/ { alias %1$s/html/; gzip on; gzip_min_length 1; gzip_types text/plain application/json; }
                location /plain/ { alias %1$s/html/; gzip off; }
                """.formatted(dir.toAbsolutePath()));
        base = "http://127.0.0.1:" + nginx.port();
        client = JetClient.create();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void aStaticFile() {
        ClientResponse<String> response = Await.result(client.get(base + "/hello.txt", As.string()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from nginx\n");
        assertThat(response.contentType()).contains("text/plain");
        assertThat(response.header("Server")).hasValueSatisfying(server -> assertThat(server).startsWith("nginx"));
    }

    @Test
    void jsonIntoARecord() {
        assertThat(Await.result(client.get(base + "/plain/person.json", As.json(Person.class))).body())
                .isEqualTo(new Person("Grace", 85));
    }

    @Test
    void aMissingFileIsAResponse() {
        assertThat(Await.result(client.get(base + "/nope.txt", As.discarding())).status()).isEqualTo(404);
    }

    @Test
    void headGivesTheLength() {
        ClientResponse<Void> response = Await.result(client.head(base + "/large.bin"));
        assertThat(response.header("Content-Length")).contains(Integer.toString(LARGE));
    }

    @Test
    void aLargeFileIsTooLargeToAggregateByDefault() {
        ResponseTooLargeException failure = Await.failure(client.get(base + "/large.bin", As.bytes()),
                ResponseTooLargeException.class);
        assertThat(failure.limit()).isEqualTo(DataSize.ofMebibytes(10));
        assertThat(Await.result(client.get(base + "/large.bin", As.bytes().withLimit(DataSize.ofMebibytes(16)))).body())
                .isEqualTo(large);
    }

    @Test
    void aLargeFileStreams() throws Exception {
        ClientResponse<Flow.Publisher<byte[]>> response = Await.result(client.get(base + "/large.bin", As.publisher()));
        Recorder recorder = new Recorder();
        response.body().subscribe(recorder);
        recorder.request(Long.MAX_VALUE);
        recorder.awaitDone();
        assertThat(recorder.error).isNull();
        assertThat(sha256(recorder.received())).isEqualTo(sha256(large));

        try (InputStream in = Await.result(client.get(base + "/large.bin", As.inputStream())).body()) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(large));
        }
    }

    @Test
    void aRedirect() {
        ClientResponse<String> followed = Await.result(client.get(base + "/old", As.string()));
        assertThat(followed.body()).isEqualTo("hello from nginx\n");
        assertThat(followed.uri()).hasToString(base + "/hello.txt");
        try (JetClient manual = JetClient.create(ClientOptions.builder().followRedirects(false).build())) {
            ClientResponse<Void> redirect = Await.result(manual.get(base + "/old", As.discarding()));
            assertThat(redirect.status()).isEqualTo(301);
            assertThat(redirect.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/hello.txt"));
        }
    }

    @Test
    void gzipIsAskedForAndDecoded() {
        assertThat(Await.result(client.get(base + "/accept-encoding", As.string())).body()).isEqualTo("[gzip]");
        ClientResponse<String> response = Await.result(client.get(base + "/gzip/page.html", As.string()));
        assertThat(response.body()).isEqualTo(page);
        assertThat(response.header("Content-Encoding")).isEmpty();
    }

    @Test
    void withDecompressionOffTheGzippedBytesArrive() throws Exception {
        try (JetClient raw = JetClient.create(ClientOptions.builder().decompress(false).build())) {
            assertThat(Await.result(raw.get(base + "/accept-encoding", As.string())).body()).isEqualTo("[]");
            ClientResponse<byte[]> plain = Await.result(raw.get(base + "/gzip/page.html", As.bytes()));
            // Nothing asked for gzip, so nothing came compressed.
            assertThat(plain.header("Content-Encoding")).isEmpty();
            assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(page);

            ClientResponse<byte[]> gzipped = Await.result(raw.get(base + "/gzip/page.html",
                    r -> r.header("Accept-Encoding", "gzip")));
            assertThat(gzipped.header("Content-Encoding")).contains("gzip");
            assertThat(gzipped.body().length).isLessThan(page.length() / 10);
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(page);
            }
        }
    }

    @Test
    void whereGzipIsOffTheBodyComesAsIs() {
        ClientResponse<String> response = Await.result(client.get(base + "/plain/page.html", As.string()));
        assertThat(response.header("Content-Encoding")).isEmpty();
        assertThat(response.header("Content-Length")).contains(Integer.toString(page.length()));
        assertThat(response.body()).isEqualTo(page);
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
