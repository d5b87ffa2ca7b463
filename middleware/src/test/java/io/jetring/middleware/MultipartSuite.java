package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.DataSize;
import io.jetring.api.Middleware;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.RunningServer;
import io.jetring.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Multipart uploads over the wire, hostile ones included; afterwards no temporary file is left. */
abstract class MultipartSuite extends ServerSuite {
    static final String BOUNDARY = "----jetringBoundary7MA4YWxk";
    static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    private Path spool;

    @Override
    RingHandler app(boolean async) throws Exception {
        if (spool == null) {
            spool = Files.createTempDirectory("jetring-multipart-suite");
        }
        Middleware multipart = Multipart.middleware(Multipart.Options.defaults().withDirectory(spool)
                .withMaxPartSize(DataSize.ofKibibytes(64)).withMaxTotalSize(DataSize.ofMebibytes(1)).withMaxParts(50));
        return new Routes(async)
                .add("/upload", multipart, request -> {
                    StringBuilder sb = new StringBuilder("fields=").append(Multipart.fields(request).toMap());
                    for (UploadedFile file : Multipart.files(request)) {
                        assertThat(file.path().getParent()).isEqualTo(spool);
                        assertThat(file.path().getFileName().toString()).startsWith("jetring-upload-");
                        sb.append(" file=").append(file.field()).append(':').append(file.filename().orElse("-"))
                                .append(':').append(file.contentType().orElse("-")).append(':').append(file.size())
                                .append(':').append(new String(file.readAllBytes(), StandardCharsets.UTF_8));
                    }
                    return Response.ok(sb.toString());
                })
                .add("/stream-back", multipart, request ->
                        Response.stream(Multipart.file(request, "doc").orElseThrow().open()))
                .handler();
    }

    @AfterAll
    void removeSpool() throws Exception {
        assertNoSpoolFiles();
        Files.deleteIfExists(spool);
    }

    @Test
    void fieldsAndFilesArrive() throws Exception {
        byte[] body = body(field("title", "Héllo"), field("tag", "a"), field("tag", "b"),
                file("doc", "notes.txt", "text/plain", "line one\nline two"));
        for (RunningServer server : both()) {
            HttpResponse<String> response = Client.send("POST", server.uri("/upload"), body, "Content-Type", TYPE);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("fields={title=[Héllo], tag=[a, b]}"
                    + " file=doc:notes.txt:text/plain:17:line one\nline two");
            assertNoSpoolFiles();
        }
    }

    @Test
    void aStreamedBodyReadsTheUploadThenItIsDeleted() throws Exception {
        byte[] body = body(file("doc", "a.bin", "application/octet-stream", "x".repeat(40_000)));
        for (RunningServer server : both()) {
            HttpResponse<String> response = Client.send("POST", server.uri("/stream-back"), body, "Content-Type", TYPE);
            assertThat(response.body()).hasSize(40_000);
            assertNoSpoolFiles();
        }
    }

    @Test
    void aClientFileNameNeverBecomesAPath() throws Exception {
        byte[] body = body(file("doc", "../../etc/passwd", "text/plain", "root:x:0:0"),
                file("doc2", "..\\..\\windows\\win.ini", "text/plain", "[x]"));
        for (RunningServer server : both()) {
            HttpResponse<String> response = Client.send("POST", server.uri("/upload"), body, "Content-Type", TYPE);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("file=doc:../../etc/passwd:text/plain:10:root:x:0:0",
                    "file=doc2:..\\..\\windows\\win.ini");
            assertNoSpoolFiles();
            assertThat(spool.getParent().resolve("etc")).doesNotExist();
        }
    }

    @Test
    void malformedBodiesAre400NamingMultipart() throws Exception {
        String good = new String(body(field("a", "1")), StandardCharsets.UTF_8);
        for (RunningServer server : both()) {
            assertMultipart400(Client.send("POST", server.uri("/upload"), good.getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "multipart/form-data"), "no multipart boundary");
            assertMultipart400(Client.send("POST", server.uri("/upload"), good.getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "multipart/form-data; boundary=other"), "multipart:");
            assertMultipart400(Client.send("POST", server.uri("/upload"), good.getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "multipart/mixed; boundary=" + BOUNDARY), "multipart: Content-Type");
            String unterminated = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end";
            assertMultipart400(Client.send("POST", server.uri("/upload"), unterminated.getBytes(StandardCharsets.UTF_8),
                    "Content-Type", TYPE), "multipart:");
            String unterminatedFile = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f\";"
                    + " filename=\"x\"\r\n\r\n" + "y".repeat(20_000);
            assertMultipart400(Client.send("POST", server.uri("/upload"),
                    unterminatedFile.getBytes(StandardCharsets.UTF_8), "Content-Type", TYPE), "multipart:");
            String headersNeverEnd = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n";
            assertMultipart400(Client.send("POST", server.uri("/upload"),
                    headersNeverEnd.getBytes(StandardCharsets.UTF_8), "Content-Type", TYPE), "multipart:");
            assertNoSpoolFiles();
        }
    }

    @Test
    void limitsAre413() throws Exception {
        ByteArrayOutputStream tiny = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            tiny.writeBytes(field("p", "x"));
        }
        byte[] tenThousandParts = close(tiny.toByteArray());
        byte[] bigPart = body(file("doc", "big.bin", "application/octet-stream", "z".repeat(70_000)));
        byte[] bigHeader = body(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + "n".repeat(1000)
                + "\"\r\n\r\nv\r\n").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            many.writeBytes(file("f" + i, "f.bin", "application/octet-stream", "w".repeat(60_000)));
        }
        byte[] tooLargeInTotal = close(many.toByteArray());
        for (RunningServer server : both()) {
            // Raw posts: the server may answer 413 and close before the client has sent the whole
            // body, which an HTTP client reports as a lost connection instead of the answer.
            assertThat(Client.rawPost(server, "/upload", TYPE, tenThousandParts)).startsWith("HTTP/1.1 413")
                    .contains("multipart: more than 50 parts (expected: at most 50)");
            assertThat(Client.rawPost(server, "/upload", TYPE, bigPart)).startsWith("HTTP/1.1 413").contains("multipart:");
            assertThat(Client.rawPost(server, "/upload", TYPE, bigHeader)).startsWith("HTTP/1.1 413").contains("multipart:");
            assertThat(Client.rawPost(server, "/upload", TYPE, tooLargeInTotal)).startsWith("HTTP/1.1 413")
                    .contains("multipart: the request was rejected because its size");
            assertNoSpoolFiles();
        }
    }

    @Test
    void aClientThatLeavesMidUploadLeavesNoFiles() throws Exception {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        for (RunningServer server : both()) {
            try (RawHttp raw = RawHttp.connect(server.baseUri())) {
                raw.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: " + TYPE + "\r\nContent-Length: 60000\r\n\r\n");
                raw.send(head);
                raw.send("q".repeat(20_000).getBytes(StandardCharsets.UTF_8));
                awaitSpool(files -> files > 0, "a spool file while the upload is under way");
            }
            // The connection is gone: the parse fails, and what was spooled is deleted.
            assertNoSpoolFiles();
        }
    }

    @Test
    void otherBodiesPassThrough() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> response = Client.post(server.uri("/upload"), "a=1", "Content-Type",
                    "application/x-www-form-urlencoded");
            assertThat(response.body()).isEqualTo("fields={}");
        }
    }

    private void assertNoSpoolFiles() throws Exception {
        awaitSpool(files -> files == 0, "no spool files left");
    }

    private void awaitSpool(java.util.function.IntPredicate condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String names;
            try (Stream<Path> files = Files.list(spool)) {
                names = files.map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
            }
            int count = names.isEmpty() ? 0 : names.split(", ").length;
            if (condition.test(count)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + what + " within 10 s; the spool holds: " + names);
            }
            Thread.sleep(20);
        }
    }

    static void assertMultipart400(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).startsWith("400 Bad Request: multipart").contains(message);
    }

    static void assertTooLarge(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains(message);
    }

    static byte[] field(String name, String value) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] file(String name, String filename, String type, String content) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n" + content + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] body(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return close(out.toByteArray());
    }

    static byte[] close(byte[] parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(parts);
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
