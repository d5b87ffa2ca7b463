package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.jetring.api.Body;
import io.jetring.api.Publishers;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way to hand over a response body, and every request part: the contract both transports keep,
 * run against a real JetServer ({@link BodiesOverJetServerTest}) and in memory ({@link BodiesInProcessTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BodiesContract {
    static final byte[] ALL_BYTES = new byte[256];
    JetClient client;
    String base;

    /** Starts serving {@code handler}; sets {@link #client} and {@link #base}. */
    abstract void start(RingHandler handler);

    abstract void stop();

    @BeforeAll
    void startAll() {
        for (int i = 0; i < ALL_BYTES.length; i++) {
            ALL_BYTES[i] = (byte) i;
        }
        Routes routes = new Routes()
                .on("/bytes", request -> Response.ok(ALL_BYTES))
                .on("/buffer", request -> Response.ok(Body.of(java.nio.ByteBuffer.wrap(ALL_BYTES, 1, 9))))
                .on("/latin1", request -> Response.ok(Body.of("héllo wörld", StandardCharsets.ISO_8859_1))
                        .withContentType("text/plain; charset=ISO-8859-1"))
                .on("/person", request -> Response.ok("{\"name\":\"Ada\",\"age\":36,\"extra\":[1,2]}")
                        .withContentType("application/json"))
                .on("/people", request -> Response.ok("[{\"name\":\"Ada\",\"age\":36},{\"name\":\"Alan\",\"age\":41}]")
                        .withContentType("application/json"))
                .on("/teapot", request -> Response.text(418, "short and stout"))
                .on("/echo", Echo.HANDLER);
        start(routes);
    }

    @AfterAll
    void stopAll() {
        client.close();
        stop();
    }

    @Test
    void bytes() {
        ClientResponse<byte[]> response = Await.result(client.get(base + "/bytes", As.bytes()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(ALL_BYTES);
        assertThat(response.protocol()).isEqualTo("HTTP/1.1");
        assertThat(response.uri()).hasToString(base + "/bytes");
    }

    @Test
    void stringUsesTheCharsetOfTheResponse() {
        ClientResponse<String> response = Await.result(client.get(base + "/latin1", As.string()));
        assertThat(response.body()).isEqualTo("héllo wörld");
    }

    @Test
    void jsonTree() {
        JsonNode node = Await.result(client.get(base + "/person", As.json())).body();
        assertThat(node.get("name").asText()).isEqualTo("Ada");
        assertThat(node.get("extra").size()).isEqualTo(2);
    }

    @Test
    void jsonIntoARecordIgnoresUnknownProperties() {
        ClientResponse<Person> response = Await.result(client.get(base + "/person", As.json(Person.class)));
        assertThat(response.body()).isEqualTo(new Person("Ada", 36));
    }

    @Test
    void jsonIntoAGenericType() {
        List<Person> people = Await.result(client.get(base + "/people", As.json(new TypeReference<List<Person>>() { }))).body();
        assertThat(people).containsExactly(new Person("Ada", 36), new Person("Alan", 41));
    }

    @Test
    void inputStream() throws Exception {
        ClientResponse<InputStream> response = Await.result(client.get(base + "/bytes", As.inputStream()));
        try (InputStream in = response.body()) {
            assertThat(in.readAllBytes()).isEqualTo(ALL_BYTES);
        }
    }

    @Test
    void publisher() throws Exception {
        ClientResponse<Flow.Publisher<byte[]>> response = Await.result(client.get(base + "/bytes", As.publisher()));
        Recorder recorder = new Recorder();
        response.body().subscribe(recorder);
        recorder.request(Long.MAX_VALUE);
        recorder.awaitDone();
        assertThat(recorder.completed).isTrue();
        assertThat(recorder.received()).isEqualTo(ALL_BYTES);
    }

    @Test
    void discardingKeepsStatusAndHeaders() {
        ClientResponse<Void> response = Await.result(client.get(base + "/bytes", As.discarding()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Length")).contains("256");
        assertThat(response.body()).isNull();
    }

    @Test
    void headHasHeadersAndNoBody() {
        ClientResponse<Void> response = Await.result(client.head(base + "/bytes"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Length")).contains("256");
    }

    @Test
    void anErrorStatusIsAResponseNotAFailure() {
        ClientResponse<String> response = Await.result(client.get(base + "/teapot", As.string()));
        assertThat(response.status()).isEqualTo(418);
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.body()).isEqualTo("short and stout");
    }

    @Test
    void queryParamsAreAddedToThoseInTheUrlAndEncoded() {
        Echo echo = Await.result(client.get(base + "/echo?a=1&b=%2F", r -> r
                .query("c", "x y&z=+")
                .query("ü", "€")
                .query(Map.of("d", List.of("1", "2")))
                .as(As.json(Echo.class)))).body();
        assertThat(echo.query()).isEqualTo("a=1&b=%2F&c=x%20y%26z%3D%2B&%C3%BC=%E2%82%AC&d=1&d=2");
        assertThat(echo.params()).containsExactly(
                Map.entry("a", List.of("1")), Map.entry("b", List.of("/")), Map.entry("c", List.of("x y&z=+")),
                Map.entry("ü", List.of("€")), Map.entry("d", List.of("1", "2")));
    }

    @Test
    void formFieldsAreUrlEncoded() {
        Echo echo = Await.result(client.post(base + "/echo", r -> r
                .form("name", "Ada Lovelace")
                .form("tag", "a&b")
                .form("tag", "ü")
                .as(As.json(Echo.class)))).body();
        assertThat(echo.header("Content-Type")).containsExactly("application/x-www-form-urlencoded");
        assertThat(echo.form()).containsExactly(Map.entry("name", List.of("Ada Lovelace")),
                Map.entry("tag", List.of("a&b", "ü")));
    }

    @Test
    void headersKeepEveryValueAndReplaceTheDefaults() {
        Echo echo = Await.result(client.get(base + "/echo", r -> r
                .header("X-Multi", "one")
                .header("X-Multi", "two")
                .header("User-Agent", "tests/1.0")
                .as(As.json(Echo.class)))).body();
        assertThat(echo.header("X-Multi")).containsExactly("one", "two");
        assertThat(echo.header("User-Agent")).containsExactly("tests/1.0");
    }

    @Test
    void theDefaultUserAgentIsSent() {
        Echo echo = Await.result(client.get(base + "/echo", As.json(Echo.class))).body();
        assertThat(echo.header("User-Agent")).containsExactly("jetring");
    }

    @Test
    void basicAuthIsSentInUtf8() {
        Echo echo = Await.result(client.get(base + "/echo", r -> r.basicAuth("ada", "pässwörd").as(As.json(Echo.class)))).body();
        String expected = Base64.getEncoder().encodeToString("ada:pässwörd".getBytes(StandardCharsets.UTF_8));
        assertThat(echo.header("Authorization")).containsExactly("Basic " + expected);
    }

    @Test
    void bytesBody() {
        Echo echo = Await.result(client.post(base + "/echo", Body.of("abc".getBytes(StandardCharsets.UTF_8)), As.json(Echo.class))).body();
        assertThat(echo.body()).isEqualTo("abc");
        assertThat(echo.header("Content-Type")).containsExactly("application/octet-stream");
        assertThat(echo.header("Content-Length")).containsExactly("3");
    }

    @Test
    void bufferBodiesBothWays() {
        ClientResponse<byte[]> response = Await.result(client.get(base + "/buffer", As.bytes()));
        assertThat(response.body()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(response.headers().first("Content-Length")).hasValue("9");
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(8).put("xyzabc".getBytes(StandardCharsets.UTF_8)).flip();
        direct.position(3);
        Echo echo = Await.result(client.post(base + "/echo", Body.of(direct), As.json(Echo.class))).body();
        assertThat(echo.body()).isEqualTo("abc");
        assertThat(echo.header("Content-Length")).containsExactly("3");
        assertThat(direct.position()).as("the caller's buffer is left as it was").isEqualTo(3);
    }

    @Test
    void textBodyCarriesItsCharset() {
        Echo echo = Await.result(client.put(base + "/echo", Body.of("ünïcode"), As.json(Echo.class))).body();
        assertThat(echo.body()).isEqualTo("ünïcode");
        assertThat(echo.header("Content-Type")).containsExactly("text/plain;charset=utf-8");
    }

    @Test
    void jsonBodyFromARecord() {
        Echo echo = Await.result(client.post(base + "/echo", r -> r.json(new Person("Ada", 36)).as(As.json(Echo.class)))).body();
        assertThat(echo.body()).isEqualTo("{\"name\":\"Ada\",\"age\":36}");
        assertThat(echo.header("Content-Type")).containsExactly("application/json");
    }

    @Test
    void inputStreamBodyIsChunked() {
        InputStream in = new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8));
        Echo echo = Await.result(client.patch(base + "/echo", Body.of(in), As.json(Echo.class))).body();
        assertThat(echo.body()).isEqualTo("streamed");
        assertThat(echo.header("Transfer-Encoding")).containsExactly("chunked");
    }

    @Test
    void fileBodyHasItsLength(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("upload.txt"), "from a file");
        Echo echo = Await.result(client.post(base + "/echo", r -> r.body(Body.of(file)).contentType("text/plain")
                .as(As.json(Echo.class)))).body();
        assertThat(echo.body()).isEqualTo("from a file");
        assertThat(echo.header("Content-Length")).containsExactly("11");
        assertThat(echo.header("Content-Type")).containsExactly("text/plain");
    }

    @Test
    void publisherBody() {
        Flow.Publisher<byte[]> chunks = Publishers.of("one,".getBytes(StandardCharsets.UTF_8), new byte[0],
                "two".getBytes(StandardCharsets.UTF_8));
        Echo echo = Await.result(client.post(base + "/echo", Body.of(chunks), As.json(Echo.class))).body();
        assertThat(echo.body()).isEqualTo("one,two");
    }

    @Test
    void emptyPostSendsAZeroLength() {
        Echo echo = Await.result(client.post(base + "/echo", Body.empty(), As.json(Echo.class))).body();
        assertThat(echo.header("Content-Length")).containsExactly("0");
        Echo get = Await.result(client.get(base + "/echo", As.json(Echo.class))).body();
        assertThat(get.header("Content-Length")).isEmpty();
    }

    @Test
    void aMissingBodyFileFailsBeforeSending(@TempDir Path dir) {
        ClientException failure = Await.failure(client.post(base + "/echo", Body.of(dir.resolve("nope")), As.bytes()),
                ClientException.class);
        assertThat(failure).hasMessageContaining("POST " + base + "/echo: the body file").hasMessageContaining("not readable");
    }
}
