package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.jetring.api.Body;
import io.jetring.api.Middleware;
import io.jetring.api.Publishers;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.RunningServer;
import io.jetring.testing.RawHttp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Compression} over real sockets, around a sync and an async application: what is compressed
 * and what is not, q-values, streaming with a flush per chunk, validators, and gzip request bodies
 * under the body limit.
 */
abstract class CompressionSuite extends ContainerSuite {
    static final String JSON = "{\"items\":[" + "{\"id\":12345,\"name\":\"a name\",\"ok\":true},".repeat(400) + "{}]}";
    final BlockingQueue<SubmissionPublisher<byte[]>> streams = new LinkedBlockingQueue<>();
    Path dir;
    List<RunningServer> servers;
    List<RunningServer> zstdServers;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jetring-gzip");
        Files.writeString(dir.resolve("page.html"), "<p>" + "static text ".repeat(1000) + "</p>");
        RingHandler app = request -> switch (request.path()) {
            case "/json" -> Response.ok(Body.of(JSON)).withContentType("application/json").withHeader("ETag", "\"v1\"");
            case "/small" -> Response.ok(Body.of("{\"a\":1}")).withContentType("application/json");
            case "/png" -> Response.ok(JSON.getBytes(StandardCharsets.UTF_8)).withContentType("image/png");
            case "/untyped" -> Response.ok(JSON.getBytes(StandardCharsets.UTF_8));
            case "/no-transform" -> Response.ok(Body.of(JSON)).withContentType("application/json")
                    .withHeader("Cache-Control", "no-transform");
            case "/not-modified" -> Response.status(304).withHeader("ETag", "\"v1\"");
            case "/input-stream" -> Response.stream(new ByteArrayInputStream(JSON.getBytes(StandardCharsets.UTF_8)))
                    .withContentType("application/json");
            case "/publisher" -> Response.stream(Publishers.of(JSON.substring(0, 100).getBytes(StandardCharsets.UTF_8),
                    JSON.substring(100).getBytes(StandardCharsets.UTF_8))).withContentType("application/json");
            case "/live" -> {
                SubmissionPublisher<byte[]> live = new SubmissionPublisher<>();
                streams.add(live);
                yield Response.stream(live).withContentType("text/event-stream");
            }
            case "/echo-sync" -> {
                byte[] body = request.body().inputStream().readAllBytes();
                yield Response.ok(request.header("Content-Encoding").orElse("none") + " " + body.length + " "
                        + new String(body, 0, Math.min(10, body.length), StandardCharsets.UTF_8));
            }
            default -> Response.notFound();
        };
        RingHandler asyncApp = RingHandler.async(request -> request.path().equals("/echo-async")
                ? request.body().bytes().thenApply(body -> Response.ok(request.header("Content-Encoding").orElse("none")
                        + " " + body.length + " " + new String(body, 0, Math.min(10, body.length), StandardCharsets.UTF_8)))
                : CompletableFuture.completedFuture(app.handle(request)));
        Middleware middleware = Compression.gzip().andThen(StaticFiles.directory("/files", dir));
        servers = List.of(start(app.wrap(middleware)), start(asyncApp.wrap(middleware)));
        Middleware zstdFirst = Compression.of(CompressionOptions.defaults().withEncodings(List.of("zstd", "gzip")))
                .andThen(StaticFiles.directory("/files", dir));
        zstdServers = List.of(start(app.wrap(zstdFirst)), start(asyncApp.wrap(zstdFirst)));
    }

    @AfterAll
    void deleteFiles() throws Exception {
        Files.deleteIfExists(dir.resolve("page.html"));
        Files.deleteIfExists(dir);
    }

    @Test
    void compressesBytesWithALengthAndAWeakTag() throws Exception {
        for (RunningServer server : servers) {
            HttpResponse<byte[]> response = get(server.uri("/json"), "Accept-Encoding", "gzip, deflate, br");
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(response.headers().firstValue("Vary")).hasValue("Accept-Encoding");
            assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(response.body().length));
            assertThat(response.headers().firstValue("ETag")).hasValue("W/\"v1\"");
            assertThat(response.body().length).isLessThan(JSON.length() / 10);
            assertThat(gunzip(response.body())).isEqualTo(JSON);
        }
    }

    @Test
    void qValuesDecide() throws Exception {
        RunningServer server = servers.get(0);
        assertThat(encoding(server, "/json", "gzip;q=0")).isEmpty();
        assertThat(encoding(server, "/json", "br, *;q=0.5")).hasValue("gzip");
        assertThat(encoding(server, "/json", "identity")).isEmpty();
        assertThat(encoding(server, "/json", "br")).isEmpty();
        assertThat(encoding(server, "/json", "*;q=0, identity")).isEmpty();
        assertThat(encoding(server, "/json", "x-gzip")).hasValue("gzip");
        assertThat(encoding(server, "/json", "GZIP;Q=0.1")).hasValue("gzip");
        HttpResponse<byte[]> plain = get(server.uri("/json"));
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().firstValue("Vary")).as("Vary always").hasValue("Accept-Encoding");
        assertThat(plain.headers().firstValue("ETag")).hasValue("\"v1\"");
    }

    @Test
    void leavesAloneWhatShouldNotBeCompressed() throws Exception {
        for (RunningServer server : servers) {
            for (String path : List.of("/small", "/png", "/untyped", "/no-transform")) {
                HttpResponse<byte[]> response = get(server.uri(path), "Accept-Encoding", "gzip");
                assertThat(response.headers().firstValue("Content-Encoding")).as(path).isEmpty();
                assertThat(response.headers().firstValue("Vary")).as(path).hasValue("Accept-Encoding");
            }
            String head = raw(server, "HEAD /json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("Content-Encoding")
                    .containsIgnoringCase("Content-Length: " + JSON.length() + "\r\n").endsWith("\r\n\r\n");
            String notModified = raw(server, "GET /not-modified HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(notModified).startsWith("HTTP/1.1 304").containsIgnoringCase("ETag: W/\"v1\"\r\n")
                    .doesNotContainIgnoringCase("Content-Encoding").doesNotContainIgnoringCase("Content-Length");
        }
    }

    @Test
    void compressesStreamsFilesAndPublishers() throws Exception {
        String page = Files.readString(dir.resolve("page.html"));
        for (RunningServer server : servers) {
            for (String path : List.of("/input-stream", "/publisher")) {
                HttpResponse<byte[]> response = get(server.uri(path), "Accept-Encoding", "gzip");
                assertThat(response.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
                assertThat(gunzip(response.body())).as(path).isEqualTo(JSON);
            }
            HttpResponse<byte[]> file = get(server.uri("/files/page.html"), "Accept-Encoding", "gzip");
            assertThat(file.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(file.headers().firstValue("Content-Length").map(Integer::parseInt).orElse(file.body().length))
                    .as("the length, where the engine knows it, is the compressed one").isEqualTo(file.body().length);
            assertThat(file.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).startsWith("W/\""));
            assertThat(gunzip(file.body())).isEqualTo(page);

            String etag = file.headers().firstValue("ETag").orElseThrow();
            assertThat(get(server.uri("/files/page.html"), "Accept-Encoding", "gzip", "If-None-Match", etag).statusCode())
                    .as("the weak tag still revalidates").isEqualTo(304);
            HttpResponse<byte[]> range = get(server.uri("/files/page.html"), "Accept-Encoding", "gzip", "Range", "bytes=0-2");
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo("<p>");
        }
    }

    @Test
    void eachChunkOfAStreamArrivesAtOnce() throws Exception {
        for (RunningServer server : servers) {
            streams.clear();
            try (RawHttp raw = RawHttp.connect(server.baseUri())) {
                raw.send("GET /live HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n");
                SubmissionPublisher<byte[]> live = streams.poll(10, TimeUnit.SECONDS);
                assertThat(live).as("the handler ran").isNotNull();
                awaitSubscriber(live);
                live.submit("data: one\n\n".getBytes(StandardCharsets.UTF_8));
                InputStream in = raw.socket().getInputStream();
                String head = readHead(in);
                assertThat(head).containsIgnoringCase("Content-Encoding: gzip").containsIgnoringCase("Transfer-Encoding: chunked");
                Inflater inflater = new Inflater(true);
                StringBuilder seen = new StringBuilder();
                boolean headerSkipped = false;
                while (!seen.toString().contains("data: one\n\n")) {
                    byte[] chunk = readChunk(in);
                    int offset = headerSkipped ? 0 : 10;
                    headerSkipped = true;
                    inflater.setInput(chunk, offset, chunk.length - offset);
                    byte[] out = new byte[1024];
                    int n;
                    while ((n = inflater.inflate(out)) > 0) {
                        seen.append(new String(out, 0, n, StandardCharsets.UTF_8));
                    }
                }
                live.submit("data: two\n\n".getBytes(StandardCharsets.UTF_8));
                while (!seen.toString().contains("data: two\n\n")) {
                    byte[] chunk = readChunk(in);
                    inflater.setInput(chunk);
                    byte[] out = new byte[1024];
                    int n;
                    while ((n = inflater.inflate(out)) > 0) {
                        seen.append(new String(out, 0, n, StandardCharsets.UTF_8));
                    }
                }
                live.close();
                assertThat(seen.toString()).isEqualTo("data: one\n\ndata: two\n\n");
            }
        }
    }

    @Test
    void zstdWhereTheClientAcceptsItElseGzip() throws Exception {
        String page = Files.readString(dir.resolve("page.html"));
        for (RunningServer server : zstdServers) {
            HttpResponse<byte[]> response = get(server.uri("/json"), "Accept-Encoding", "gzip, deflate, br, zstd");
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("zstd");
            assertThat(response.headers().firstValue("Vary")).hasValue("Accept-Encoding");
            assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(response.body().length));
            assertThat(response.headers().firstValue("ETag")).hasValue("W/\"v1\"");
            assertThat(response.body().length).isLessThan(JSON.length() / 10);
            assertThat(unzstd(response.body())).isEqualTo(JSON);
            for (String path : List.of("/input-stream", "/publisher")) {
                HttpResponse<byte[]> streamed = get(server.uri(path), "Accept-Encoding", "zstd");
                assertThat(streamed.headers().firstValue("Content-Encoding")).as(path).hasValue("zstd");
                assertThat(unzstd(streamed.body())).as(path).isEqualTo(JSON);
            }
            HttpResponse<byte[]> file = get(server.uri("/files/page.html"), "Accept-Encoding", "zstd");
            assertThat(file.headers().firstValue("Content-Encoding")).hasValue("zstd");
            assertThat(unzstd(file.body())).isEqualTo(page);
            HttpResponse<byte[]> gzip = get(server.uri("/json"), "Accept-Encoding", "gzip");
            assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(gunzip(gzip.body())).isEqualTo(JSON);
        }
        RunningServer server = zstdServers.get(0);
        assertThat(encoding(server, "/json", "zstd;q=0.5, gzip")).as("q-values first").hasValue("gzip");
        assertThat(encoding(server, "/json", "gzip, zstd")).as("of equal ones, the server's first").hasValue("zstd");
        assertThat(encoding(server, "/json", "*")).hasValue("zstd");
        assertThat(encoding(server, "/json", "zstd;q=0, *")).hasValue("gzip");
        assertThat(encoding(server, "/json", "br")).isEmpty();
        assertThat(encoding(servers.get(0), "/json", "zstd")).as("gzip only unless asked").isEmpty();
        String head = raw(server, "HEAD /json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: zstd\r\nConnection: close\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("Content-Encoding");
    }

    @Test
    void eachChunkOfAZstdStreamArrivesAtOnce() throws Exception {
        for (RunningServer server : zstdServers) {
            streams.clear();
            try (RawHttp raw = RawHttp.connect(server.baseUri())) {
                raw.send("GET /live HTTP/1.1\r\nHost: x\r\nAccept-Encoding: zstd\r\n\r\n");
                SubmissionPublisher<byte[]> live = streams.poll(10, TimeUnit.SECONDS);
                assertThat(live).as("the handler ran").isNotNull();
                awaitSubscriber(live);
                live.submit("data: one\n\n".getBytes(StandardCharsets.UTF_8));
                InputStream in = raw.socket().getInputStream();
                assertThat(readHead(in)).containsIgnoringCase("Content-Encoding: zstd");
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                while (!unzstdSoFar(received.toByteArray()).contains("data: one\n\n")) {
                    received.write(readChunk(in));
                }
                live.submit("data: two\n\n".getBytes(StandardCharsets.UTF_8));
                while (!unzstdSoFar(received.toByteArray()).contains("data: two\n\n")) {
                    received.write(readChunk(in));
                }
                live.close();
                assertThat(unzstdSoFar(received.toByteArray())).isEqualTo("data: one\n\ndata: two\n\n");
            }
        }
    }

    @Test
    void gzipRequestBodiesAreInflated() throws Exception {
        byte[] text = JSON.getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("/echo-sync", "/echo-async")) {
            RunningServer server = path.equals("/echo-sync") ? servers.get(0) : servers.get(1);
            HttpResponse<String> response = post(server, path, gzip(text), "gzip");
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo("none " + text.length + " {\"items\":[");
            assertThat(post(server, path, "plain".getBytes(StandardCharsets.UTF_8), null).body()).isEqualTo("none 5 plain");
        }
    }

    @Test
    void aDecompressionBombGets413() throws Exception {
        byte[] bomb = gzip(new byte[8 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(MAX_BODY.toIntBytes());
        for (String path : List.of("/echo-sync", "/echo-async")) {
            RunningServer server = path.equals("/echo-sync") ? servers.get(0) : servers.get(1);
            assertThat(post(server, path, bomb, "gzip").statusCode()).as(path).isEqualTo(413);
            assertThat(post(server, path, "not gzip at all".getBytes(StandardCharsets.UTF_8), "gzip").statusCode())
                    .as(path).isEqualTo(400);
            HttpResponse<String> br = post(server, path, new byte[] {1, 2, 3}, "br");
            assertThat(br.statusCode()).isEqualTo(415);
            assertThat(br.headers().firstValue("Accept-Encoding")).hasValue("gzip");
        }
    }

    private static HttpResponse<String> post(RunningServer server, String path, byte[] body, String encoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.Optional<String> encoding(RunningServer server, String path, String accept) throws Exception {
        return get(server.uri(path), "Accept-Encoding", accept).headers().firstValue("Content-Encoding");
    }

    static String gunzip(byte[] bytes) throws Exception {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String unzstd(byte[] bytes) throws Exception {
        try (InputStream in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What the zstd stream received so far decodes to: a stream not yet ended is read as far as it goes. */
    static String unzstdSoFar(byte[] bytes) throws Exception {
        try (InputStream in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(bytes)).setContinuous(true)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static void awaitSubscriber(SubmissionPublisher<byte[]> publisher) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publisher.getNumberOfSubscribers() == 0) {
            assertThat(System.nanoTime()).as("the server subscribed within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the response head").isNotNegative();
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * One chunk of a chunked body (not the last, empty one), read as soon as its data is there: the
     * CRLF that ends a chunk may come only with the next one (Jetty sends it so).
     */
    static byte[] readChunk(InputStream in) throws Exception {
        String size = line(in);
        if (size.isEmpty()) {
            size = line(in);
        }
        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
        return in.readNBytes(n);
    }

    private static String line(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            assertThat(b).as("a chunk").isNotNegative();
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
