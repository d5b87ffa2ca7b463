package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.middleware.docs.Examples;
import io.jetring.middleware.docs.WebApp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of {@code docs/middleware.md} compile and do what the page says. */
class DocsExamplesTest {
    private static JetServer run(io.jetring.api.RingHandler handler) {
        return JetServer.run(handler, ServerOptions.builder().host("127.0.0.1").port(0).build());
    }

    @Test
    void theWholeStackServesTheApiAndTheAssets(@TempDir Path assets) throws Exception {
        Files.writeString(assets.resolve("app.0123abcd.js"), "console.log('hi');".repeat(100));
        try (JetServer server = run(WebApp.handler(assets))) {
            HttpResponse<byte[]> api = ContainerSuite.get(server.uri().resolve("/api/hello"),
                    "Origin", "https://app.example.com", "X-Forwarded-Proto", "https");
            assertThat(new String(api.body(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\":\"world\"}");
            assertThat(api.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
            assertThat(api.headers().firstValue("Strict-Transport-Security")).isPresent();
            assertThat(api.headers().firstValue("ETag")).isPresent();

            HttpResponse<byte[]> asset = ContainerSuite.get(server.uri().resolve("/assets/app.0123abcd.js"),
                    "Accept-Encoding", "gzip");
            assertThat(asset.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(asset.headers().firstValue("Cache-Control")).hasValue(StaticFileOptions.IMMUTABLE);
            assertThat(asset.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(ContainerSuite.get(server.uri().resolve("/assets/../pom.xml")).statusCode()).isIn(400, 404);
        }
    }

    @Test
    void theSmallerExamples() throws Exception {
        try (JetServer server = run(Examples.singlePageApp())) {
            assertThat(new String(ContainerSuite.get(server.uri()).body(), StandardCharsets.UTF_8)).contains("<title>app</title>");
        }
        assertThat(Examples.assetOptions().maxCachedFileSize().bytes()).isEqualTo(256 * 1024);
        assertThat(Examples.compressionOptions().minSize().bytes()).isEqualTo(512);
        try (JetServer server = run(Examples.zstdFirst().apply(request -> io.jetring.api.Response.ok("z".repeat(4096))))) {
            assertThat(ContainerSuite.get(server.uri(), "Accept-Encoding", "gzip, zstd").headers().firstValue("Content-Encoding"))
                    .hasValue("zstd");
        }
        assertThat(Examples.securityOptions().contentSecurityPolicy()).hasValue(SecurityHeadersOptions.STRICT_CSP);
        assertThat(Examples.behindAProxy(request -> io.jetring.api.Response.ok("x")).isAsync()).isFalse();
        try (JetServer server = run(Examples.feed(Examples.countingFeed()))) {
            HttpResponse<byte[]> resumed = ContainerSuite.get(server.uri().resolve("/feed"), "Last-Event-ID", "1");
            assertThat(new String(resumed.body(), StandardCharsets.UTF_8))
                    .isEqualTo(": open\nretry: 2000\n\nid: 2\ndata: event 2\n\nid: 3\ndata: event 3\n\n");
        }
        try (JetServer server = run(Examples.changes(EventLog.keeping(1000)))) {
            HttpResponse<java.util.stream.Stream<String>> stream = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(server.uri()).header("Last-Event-ID", "0").build(),
                    HttpResponse.BodyHandlers.ofLines());
            try (java.util.stream.Stream<String> lines = stream.body()) {
                assertThat(lines.limit(5).toList()).containsExactly(": open", "", "event: created", "id: 1", "data: {\"id\":7}");
            }
        }
    }
}
