package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Body;
import io.jetring.api.Publishers;
import io.jetring.api.Response;
import io.jetring.testing.JetServerExtension;
import io.jetring.testing.RawHttp;
import io.jetring.jetty.testing.RawHttp2;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each body variant goes out with the framing the spec promises. */
class ResponseWritingTest {
    @TempDir
    static Path dir;
    static Path file;
    static final byte[] CONTENT = new byte[300_000];

    @BeforeAll
    static void writeFile() throws IOException {
        new Random(7).nextBytes(CONTENT);
        file = Files.write(dir.resolve("data.bin"), CONTENT);
    }

    @RegisterExtension
    static JetServerExtension server = JetServerExtension.of(request -> switch (request.path()) {
        case "/text" -> Response.ok("héllo");
        case "/latin1" -> Response.ok(Body.of("héllo", StandardCharsets.ISO_8859_1))
                .withContentType("text/plain;charset=ISO-8859-1");
        case "/bytes" -> Response.ok(new byte[] {1, 2, 3});
        case "/empty" -> Response.status(200);
        case "/no-content" -> Response.status(204);
        case "/file" -> Response.ok(Body.of(file));
        case "/stream" -> Response.stream(new ByteArrayInputStream(CONTENT));
        case "/publisher" -> Response.stream(Publishers.of("abc".getBytes(StandardCharsets.UTF_8)));
        case "/cookies" -> Response.ok("c").addHeader("Set-Cookie", "a=1; Path=/").addHeader("Set-Cookie", "b=2");
        case "/redirect" -> Response.redirect("/text");
        default -> Response.notFound();
    });

    @Test
    void textAndBytesHaveContentLength() throws Exception {
        HttpResponse<byte[]> text = send("/text");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(new String(text.body(), StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(text.headers().firstValue("Content-Length")).hasValue("6");
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");

        assertThat(send("/latin1").body()).isEqualTo("héllo".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(send("/bytes").body()).containsExactly(1, 2, 3);
        assertThat(send("/empty").headers().firstValue("Content-Length")).hasValue("0");
    }

    @Test
    void noServerVersionHeaderAndADate() throws Exception {
        HttpResponse<byte[]> response = send("/text");
        assertThat(response.headers().firstValue("Server")).isEmpty();
        assertThat(response.headers().firstValue("Date")).isPresent();
    }

    @Test
    void fileBodySendsItsLength() throws Exception {
        HttpResponse<byte[]> response = send("/file");
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(CONTENT.length));
        assertThat(response.body()).isEqualTo(CONTENT);
    }

    @Test
    void inputStreamBodyIsChunked() throws Exception {
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
            String head = raw.readHead();
            assertThat(head).containsIgnoringCase("Transfer-Encoding: chunked").doesNotContainIgnoringCase("Content-Length");
        }
        assertThat(send("/stream").body()).isEqualTo(CONTENT);
    }

    @Test
    void setCookieValuesStayApart() throws Exception {
        assertThat(send("/cookies").headers().allValues("Set-Cookie")).containsExactly("a=1; Path=/", "b=2");
    }

    @Test
    void headAndNoContentSendNoBody() throws Exception {
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send("HEAD /file HTTP/1.1\r\nHost: x\r\n\r\nGET /no-content HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String both = raw.readUntilClose();
            assertThat(both).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: " + CONTENT.length + "\r\n");
            String second = both.substring(both.indexOf("\r\n\r\n") + 4);
            assertThat(second).startsWith("HTTP/1.1 204 No Content\r\n").endsWith("\r\n\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/stream", "/publisher"})
    void headOnAStreamedBodySendsNoContentLength(String path) throws Exception {
        // RFC 9110 (8.6): no length rather than a wrong one; the GET sends a body of unknown length.
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send("HEAD " + path + " HTTP/1.1\r\nHost: x\r\n\r\nGET /no-content HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String both = raw.readUntilClose();
            String head = both.substring(0, both.indexOf("\r\n\r\n") + 4);
            assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").doesNotContainIgnoringCase("Content-Length");
            assertThat(both.substring(head.length())).as("no body after the HEAD response").startsWith("HTTP/1.1 204 ");
        }
        try (RawHttp2 h2 = RawHttp2.connect(server.baseUri())) {
            h2.request(1, "HEAD", path, true);
            RawHttp2.Response response = h2.response(1);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("content-length")).isNull();
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void redirectCarriesLocation() throws Exception {
        HttpResponse<byte[]> response = send("/redirect");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/text");
    }

    private static HttpResponse<byte[]> send(String path) throws Exception {
        return server.client().send(HttpRequest.newBuilder(server.uri(path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
