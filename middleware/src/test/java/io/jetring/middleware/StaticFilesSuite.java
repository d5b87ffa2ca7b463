package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Middleware;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.RunningServer;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link StaticFiles} over real sockets, around a sync and an async application, in the container
 * a subclass names: safe paths, types, validators, conditional and range requests, index files,
 * precompressed siblings, cache policy, the class path inside a jar.
 */
abstract class StaticFilesSuite extends ContainerSuite {
    static final String SECRET = "TOP-SECRET-OUTSIDE-THE-ROOT";
    static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");
    Path dir;
    Path root;
    byte[] data;
    byte[] big;
    URLClassLoader jarLoader;
    List<RunningServer> servers;

    @BeforeAll
    void createFilesAndStart() throws Exception {
        dir = Files.createTempDirectory("jetring-static");
        root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        Files.writeString(root.resolve("hello.txt"), "hello, file");
        Files.writeString(root.resolve("index.html"), "<h1>root index</h1>");
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve("sub/index.html"), "<h1>sub index</h1>");
        Files.createDirectory(root.resolve("empty-dir"));
        Files.writeString(root.resolve(".secret"), SECRET);
        Files.createDirectory(root.resolve(".well-known"));
        Files.writeString(root.resolve(".well-known/security.txt"), "Contact: mailto:security@example.com");
        Files.writeString(root.resolve("app.3f2a9c1d.js"), "export const x = 1;");
        Files.writeString(root.resolve("style.css"), "body { color: red }");
        Files.writeString(root.resolve("style.css.gz"), "GZIP-BYTES");
        Files.writeString(root.resolve("style.css.br"), "BROTLI-BYTES");
        Files.writeString(root.resolve("style.css.zst"), "ZSTD-BYTES");
        for (String name : List.of("m.mjs", "w.wasm", "f.woff2", "i.webp", "i.avif", "i.svg", "d.json")) {
            Files.writeString(root.resolve(name), "x");
        }
        data = new byte[10_000];
        new Random(1).nextBytes(data);
        Files.write(root.resolve("data.bin"), data);
        big = new byte[3 * 1024 * 1024];
        new Random(2).nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        Files.write(root.resolve("empty.txt"), new byte[0]);
        Files.createSymbolicLink(root.resolve("link-out"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dir-out"), dir);
        Files.createSymbolicLink(root.resolve("link-in"), root.resolve("hello.txt"));
        Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(MODIFIED));

        Path jar = dir.resolve("assets.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("public/hello.txt"));
            out.write("hello from a jar".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("public/docs/index.html"));
            out.write("<h1>jar docs</h1>".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("public/data.bin"));
            out.write(data);
            out.putNextEntry(new JarEntry("secret.txt"));
            out.write(SECRET.getBytes(StandardCharsets.UTF_8));
        }
        jarLoader = new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null);

        Middleware files = StaticFiles.directory("/static", root,
                        StaticFileOptions.defaults().withImmutableNames(".*\\.[0-9a-f]{8}\\.js"))
                .andThen(StaticFiles.directory("/fresh", root, StaticFileOptions.defaults().withRevalidateAfter(Duration.ZERO)))
                .andThen(StaticFiles.directory("/nocache", root, StaticFileOptions.defaults().withoutCache()))
                .andThen(StaticFiles.classpath("/jar", "public", jarLoader, StaticFileOptions.defaults().withoutCache()))
                .andThen(StaticFiles.classpath("/jar-cached", "/public/", jarLoader, StaticFileOptions.defaults()))
                .andThen(StaticFiles.classpath("/cp", "public", StaticFilesSuite.class.getClassLoader(),
                        StaticFileOptions.defaults()));
        RingHandler app = request -> request.method().equals("POST") ? Response.ok("app saw a POST") : Response.notFound();
        RingHandler asyncApp = RingHandler.async(request -> CompletableFuture.completedFuture(app.handle(request)));
        servers = List.of(start(app.wrap(files)), start(asyncApp.wrap(files)));
    }

    @AfterAll
    void deleteFiles() throws Exception {
        jarLoader.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void servesAFileWithItsTypeValidatorsAndCachePolicy() throws Exception {
        for (RunningServer server : servers) {
            for (String mount : List.of("/static", "/nocache")) {
                HttpResponse<byte[]> response = get(server.uri(mount + "/hello.txt"));
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(text(response)).isEqualTo("hello, file");
                assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
                assertThat(response.headers().firstValue("Content-Length")).hasValue("11");
                assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).matches("\"[0-9a-f]+-b\""));
                assertThat(response.headers().firstValue("Last-Modified")).hasValue("Fri, 02 Jan 2026 03:04:05 GMT");
                assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
                assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
            }
            assertThat(get(server.uri("/static/data.bin")).body()).isEqualTo(data);
            assertThat(get(server.uri("/static/big.bin")).body()).isEqualTo(big);
            assertThat(get(server.uri("/static/empty.txt")).headers().firstValue("Content-Length")).hasValue("0");
            assertThat(text(get(server.uri("/static/link-in")))).as("a link inside the root").isEqualTo("hello, file");
            assertThat(text(get(server.uri("/static/.well-known/security.txt")))).startsWith("Contact:");
        }
    }

    @Test
    void knowsTheWebsTypes() throws Exception {
        RunningServer server = servers.get(0);
        assertThat(type(server, "m.mjs")).isEqualTo("text/javascript;charset=utf-8");
        assertThat(type(server, "w.wasm")).isEqualTo("application/wasm");
        assertThat(type(server, "f.woff2")).isEqualTo("font/woff2");
        assertThat(type(server, "i.webp")).isEqualTo("image/webp");
        assertThat(type(server, "i.avif")).isEqualTo("image/avif");
        assertThat(type(server, "i.svg")).isEqualTo("image/svg+xml;charset=utf-8");
        assertThat(type(server, "d.json")).isEqualTo("application/json;charset=utf-8");
        assertThat(type(server, "data.bin")).isEqualTo("application/octet-stream");
        assertThat(type(server, "index.html")).isEqualTo("text/html;charset=utf-8");
    }

    @Test
    void notModifiedHasValidatorsAndNoLength() throws Exception {
        for (RunningServer server : servers) {
            HttpResponse<byte[]> first = get(server.uri("/static/hello.txt"));
            String etag = first.headers().firstValue("ETag").orElseThrow();
            String modified = first.headers().firstValue("Last-Modified").orElseThrow();

            String byTag = raw(server, "GET /static/hello.txt HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"other\", " + etag
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(byTag).startsWith("HTTP/1.1 304").containsIgnoringCase("ETag: " + etag + "\r\n")
                    .containsIgnoringCase("Last-Modified: " + modified + "\r\n").doesNotContainIgnoringCase("Content-Length")
                    .endsWith("\r\n\r\n");
            assertThat(get(server.uri("/static/hello.txt"), "If-None-Match", "W/" + etag).statusCode())
                    .as("If-None-Match compares weakly").isEqualTo(304);
            assertThat(get(server.uri("/static/hello.txt"), "If-None-Match", "*").statusCode()).isEqualTo(304);
            assertThat(get(server.uri("/static/hello.txt"), "If-Modified-Since", modified).statusCode()).isEqualTo(304);
            assertThat(get(server.uri("/static/hello.txt"), "If-Modified-Since", "Thu, 01 Jan 2026 00:00:00 GMT")
                    .statusCode()).isEqualTo(200);
            assertThat(get(server.uri("/static/hello.txt"), "If-None-Match", "\"other\"", "If-Modified-Since", modified)
                    .statusCode()).as("If-None-Match wins over If-Modified-Since").isEqualTo(200);
            assertThat(send("HEAD", server.uri("/static/hello.txt"), "If-None-Match", etag).statusCode()).isEqualTo(304);
        }
    }

    @Test
    void failedPreconditionsGet412() throws Exception {
        for (RunningServer server : servers) {
            String etag = get(server.uri("/static/hello.txt")).headers().firstValue("ETag").orElseThrow();
            assertThat(get(server.uri("/static/hello.txt"), "If-Match", "\"other\"").statusCode()).isEqualTo(412);
            assertThat(get(server.uri("/static/hello.txt"), "If-Match", "W/" + etag).statusCode())
                    .as("If-Match compares strongly").isEqualTo(412);
            assertThat(get(server.uri("/static/hello.txt"), "If-Match", etag).statusCode()).isEqualTo(200);
            assertThat(get(server.uri("/static/hello.txt"), "If-Match", "*").statusCode()).isEqualTo(200);
            assertThat(get(server.uri("/static/hello.txt"), "If-Unmodified-Since", "Thu, 01 Jan 2026 00:00:00 GMT")
                    .statusCode()).isEqualTo(412);
            assertThat(get(server.uri("/static/hello.txt"), "If-Unmodified-Since", "Sat, 03 Jan 2026 00:00:00 GMT")
                    .statusCode()).isEqualTo(200);
            assertThat(get(server.uri("/static/hello.txt"), "If-Modified-Since", "not a date").statusCode())
                    .as("a date that cannot be read is ignored").isEqualTo(200);
        }
    }

    @Test
    void oneRangeGets206() throws Exception {
        for (RunningServer server : servers) {
            for (String path : List.of("/static/data.bin", "/nocache/data.bin", "/jar/data.bin", "/jar-cached/data.bin")) {
                HttpResponse<byte[]> first = get(server.uri(path), "Range", "bytes=10-19");
                assertThat(first.statusCode()).as(path).isEqualTo(206);
                assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 10-19/10000");
                assertThat(first.headers().firstValue("Content-Length")).hasValue("10");
                assertThat(first.body()).isEqualTo(slice(data, 10, 20));

                HttpResponse<byte[]> suffix = get(server.uri(path), "Range", "bytes=-5");
                assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 9995-9999/10000");
                assertThat(suffix.body()).isEqualTo(slice(data, 9995, 10000));

                HttpResponse<byte[]> open = get(server.uri(path), "Range", "bytes=9990-");
                assertThat(open.body()).isEqualTo(slice(data, 9990, 10000));
                assertThat(get(server.uri(path), "Range", "bytes=9990-20000").body()).isEqualTo(slice(data, 9990, 10000));
            }
            HttpResponse<byte[]> large = get(server.uri("/static/big.bin"), "Range", "bytes=1000000-2999999");
            assertThat(large.statusCode()).isEqualTo(206);
            assertThat(large.body()).isEqualTo(slice(big, 1_000_000, 3_000_000));
        }
    }

    @Test
    void severalRangesAreMultipartByteranges() throws Exception {
        for (RunningServer server : servers) {
            for (String path : List.of("/static/data.bin", "/nocache/data.bin", "/jar/data.bin")) {
                HttpResponse<byte[]> response = get(server.uri(path), "Range", "bytes=0-1, 100-104");
                assertThat(response.statusCode()).isEqualTo(206);
                String type = response.headers().firstValue("Content-Type").orElseThrow();
                assertThat(type).startsWith("multipart/byteranges; boundary=");
                String boundary = type.substring(type.indexOf('=') + 1);
                String body = new String(response.body(), StandardCharsets.ISO_8859_1);
                String expected = "\r\n--" + boundary + "\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Range: bytes 0-1/10000\r\n\r\n" + latin1(slice(data, 0, 2))
                        + "\r\n--" + boundary + "\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Range: bytes 100-104/10000\r\n\r\n" + latin1(slice(data, 100, 105))
                        + "\r\n--" + boundary + "--\r\n";
                assertThat(body).isEqualTo(expected);
            }
            HttpResponse<byte[]> merged = get(server.uri("/static/data.bin"), "Range", "bytes=0-9,5-14");
            assertThat(merged.headers().firstValue("Content-Range")).as("overlaps merge").hasValue("bytes 0-14/10000");
        }
    }

    @Test
    void unsatisfiableRangeGets416WithTheSize() throws Exception {
        for (RunningServer server : servers) {
            HttpResponse<byte[]> response = get(server.uri("/static/data.bin"), "Range", "bytes=10000-");
            assertThat(response.statusCode()).isEqualTo(416);
            assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */10000");
            assertThat(get(server.uri("/static/empty.txt"), "Range", "bytes=0-").statusCode()).isEqualTo(416);
            assertThat(get(server.uri("/static/data.bin"), "Range", "bytes=5-1").statusCode())
                    .as("a malformed range is ignored").isEqualTo(200);
            assertThat(get(server.uri("/static/data.bin"), "Range", "items=0-1").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void ifRangeSendsThePartOnlyWhileTheFileIsTheSame() throws Exception {
        for (RunningServer server : servers) {
            HttpResponse<byte[]> full = get(server.uri("/static/hello.txt"));
            String etag = full.headers().firstValue("ETag").orElseThrow();
            String modified = full.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(get(server.uri("/static/hello.txt"), "Range", "bytes=0-4", "If-Range", etag).statusCode()).isEqualTo(206);
            assertThat(get(server.uri("/static/hello.txt"), "Range", "bytes=0-4", "If-Range", modified).statusCode()).isEqualTo(206);
            HttpResponse<byte[]> stale = get(server.uri("/static/hello.txt"), "Range", "bytes=0-4", "If-Range", "\"old\"");
            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(text(stale)).isEqualTo("hello, file");
            assertThat(get(server.uri("/static/hello.txt"), "Range", "bytes=0-4", "If-Range", "W/" + etag).statusCode())
                    .as("a weak tag never satisfies If-Range").isEqualTo(200);
        }
    }

    @Test
    void headSendsTheHeadersOnly() throws Exception {
        for (RunningServer server : servers) {
            String response = raw(server, "HEAD /static/data.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(response).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Length: 10000\r\n")
                    .containsIgnoringCase("ETag: ").endsWith("\r\n\r\n");
            assertThat(raw(server, "HEAD /static/data.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1\r\nConnection: close\r\n\r\n"))
                    .as("ranges are for GET").startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aDirectoryGetsItsIndexFile() throws Exception {
        for (RunningServer server : servers) {
            assertThat(text(get(server.uri("/static/")))).isEqualTo("<h1>root index</h1>");
            assertThat(text(get(server.uri("/static/sub/")))).isEqualTo("<h1>sub index</h1>");
            HttpResponse<byte[]> redirect = get(server.uri("/static/sub?x=1"));
            assertThat(redirect.statusCode()).isEqualTo(302);
            assertThat(redirect.headers().firstValue("Location")).hasValue("/static/sub/?x=1");
            assertThat(get(server.uri("/static")).headers().firstValue("Location")).hasValue("/static/");
            assertThat(get(server.uri("/static/empty-dir/")).statusCode()).as("no listing").isEqualTo(404);
            assertThat(get(server.uri("/static/empty-dir")).statusCode()).isEqualTo(404);
            assertThat(get(server.uri("/static/hello.txt/")).statusCode()).isEqualTo(404);
            assertThat(text(get(server.uri("/jar/docs/")))).isEqualTo("<h1>jar docs</h1>");
        }
    }

    @Test
    void precompressedSiblingsServeClientsThatAcceptThem() throws Exception {
        for (RunningServer server : servers) {
            HttpResponse<byte[]> gzip = get(server.uri("/static/style.css"), "Accept-Encoding", "gzip");
            assertThat(text(gzip)).isEqualTo("GZIP-BYTES");
            assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(gzip.headers().firstValue("Content-Type")).hasValue("text/css;charset=utf-8");
            assertThat(gzip.headers().firstValue("Vary")).hasValue("Accept-Encoding");

            HttpResponse<byte[]> brotli = get(server.uri("/static/style.css"), "Accept-Encoding", "gzip, deflate, br");
            assertThat(text(brotli)).isEqualTo("BROTLI-BYTES");
            assertThat(brotli.headers().firstValue("Content-Encoding")).hasValue("br");
            assertThat(brotli.headers().firstValue("ETag")).isNotEqualTo(gzip.headers().firstValue("ETag"));

            assertThat(text(get(server.uri("/static/style.css"), "Accept-Encoding", "br;q=0.5, gzip"))).isEqualTo("GZIP-BYTES");
            HttpResponse<byte[]> zstd = get(server.uri("/static/style.css"), "Accept-Encoding", "gzip, zstd");
            assertThat(text(zstd)).isEqualTo("ZSTD-BYTES");
            assertThat(zstd.headers().firstValue("Content-Encoding")).hasValue("zstd");
            assertThat(text(get(server.uri("/static/style.css"), "Accept-Encoding", "gzip, zstd, br"))).isEqualTo("BROTLI-BYTES");
            assertThat(text(get(server.uri("/static/style.css"), "Accept-Encoding", "zstd;q=0.9, gzip"))).isEqualTo("GZIP-BYTES");
            HttpResponse<byte[]> identity = get(server.uri("/static/style.css"), "Accept-Encoding", "gzip;q=0, br;q=0");
            assertThat(text(identity)).isEqualTo("body { color: red }");
            assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(identity.headers().firstValue("Vary")).hasValue("Accept-Encoding");
            assertThat(text(get(server.uri("/static/style.css")))).isEqualTo("body { color: red }");
        }
    }

    @Test
    void fingerprintedFilesAreImmutable() throws Exception {
        assertThat(get(servers.get(0).uri("/static/app.3f2a9c1d.js")).headers().firstValue("Cache-Control"))
                .hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void neverAFileOutsideTheRoot() throws Exception {
        List<String> attempts = List.of(
                "/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/%2E%2E/secret.txt",
                "/static/..%2fsecret.txt", "/static/%2e%2e%2fsecret.txt", "/static/sub/..%2f..%2fsecret.txt",
                "/static/..%5csecret.txt", "/static/%5c..%5csecret.txt", "/static/..\\secret.txt",
                "/static/hello.txt%00", "/static/%00../secret.txt", "/static/link-out", "/static/dir-out/secret.txt",
                "/static/.secret", "/static/%2esecret", "/static//etc/passwd", "/static/%c0%ae%c0%ae/secret.txt",
                "/jar/../secret.txt", "/jar/%2e%2e/secret.txt", "/jar/..%2fsecret.txt", "/cp/../secret.txt");
        for (RunningServer server : servers) {
            for (String attempt : attempts) {
                String response = raw(server, "GET " + attempt + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertThat(response).as(attempt).matches("(?s)HTTP/1.1 (400|404) .*").doesNotContain(SECRET);
            }
        }
    }

    @Test
    void everythingElseGoesToTheApplication() throws Exception {
        for (RunningServer server : servers) {
            assertThat(text(send("POST", server.uri("/static/hello.txt")))).isEqualTo("app saw a POST");
            assertThat(get(server.uri("/static/missing.txt")).statusCode()).isEqualTo(404);
            assertThat(get(server.uri("/staticx/hello.txt")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theClassPathServesFromDirectoriesAndJars() throws Exception {
        for (RunningServer server : servers) {
            HttpResponse<byte[]> fromJar = get(server.uri("/jar/hello.txt"));
            assertThat(text(fromJar)).isEqualTo("hello from a jar");
            assertThat(fromJar.headers().firstValue("ETag")).isPresent();
            assertThat(fromJar.headers().firstValue("Content-Length")).hasValue("16");
            assertThat(text(get(server.uri("/jar-cached/hello.txt")))).isEqualTo("hello from a jar");
            assertThat(get(server.uri("/jar/data.bin")).body()).isEqualTo(data);
            assertThat(text(get(server.uri("/cp/classpath.txt")))).isEqualTo("from the test class path\n");
            assertThat(get(server.uri("/jar/missing.txt")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aChangedFileIsServedOnceRevalidated() throws Exception {
        Path file = root.resolve("changing.txt");
        Files.writeString(file, "first");
        for (RunningServer server : servers) {
            Files.writeString(file, "first");
            assertThat(text(get(server.uri("/fresh/changing.txt")))).isEqualTo("first");
            Files.writeString(file, "second, longer");
            assertThat(text(get(server.uri("/fresh/changing.txt")))).isEqualTo("second, longer");
            Files.delete(file);
            assertThat(get(server.uri("/fresh/changing.txt")).statusCode()).isEqualTo(404);
        }
    }

    private static String type(RunningServer server, String name) throws Exception {
        return get(server.uri("/static/" + name)).headers().firstValue("Content-Type").orElseThrow();
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
