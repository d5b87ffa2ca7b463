package io.jetring.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jetring.testing.JetServerExtension;
import io.jetring.testing.RawHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo's endpoints are a contract: each is checked over a real socket. */
class DemoAppTest {
    @RegisterExtension
    static JetServerExtension server = JetServerExtension.of(DemoApp.handler());

    @Test
    void helloIsExactlyHelloWorldAsPlainText() throws Exception {
        HttpResponse<String> response = server.get("/hello");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello, World!");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void asyncAnswersAfterTheDelay() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = server.get("/async?ms=100");
        assertThat(response.body()).isEqualTo("waited 100 ms");
        assertThat(System.nanoTime() - start).as("answered no sooner than asked").isGreaterThanOrEqualTo(100_000_000L);
        assertThat(server.get("/async?ms=-5").statusCode()).isEqualTo(400);
        assertThat(server.get("/async?ms=abc").body()).contains("ms: abc (expected: an integer in 0..60000)");
    }

    @Test
    void streamSendsChunksOfTheAskedSize() throws Exception {
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send("GET /stream?chunks=3&size=5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String all = raw.readUntilClose();
            assertThat(all).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nxxxxxxxxxxxxxxx");
        }
        HttpResponse<byte[]> big = server.client().send(HttpRequest.newBuilder(server.uri("/stream?chunks=100&size=65536"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(big.body()).hasSize(100 * 65536);
        assertThat(big.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        HttpResponse<byte[]> odd = server.client().send(HttpRequest.newBuilder(server.uri("/stream?chunks=7&size=12345"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(odd.body()).hasSize(7 * 12345).containsOnly('x');
    }

    @Test
    void streamRefusesAChunkOver64KiB() throws Exception {
        HttpResponse<String> refused = server.get("/stream?chunks=1&size=65537");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("size: 65537 (expected: an integer in 1..65536)");
        assertThat(server.get("/stream?chunks=1&size=65536").statusCode()).isEqualTo(200);
    }

    @Test
    void echoStreamsTheBodyBackWithItsType() throws Exception {
        byte[] body = new byte[5_000_000];
        new Random(3).nextBytes(body);
        HttpResponse<byte[]> response = server.client().send(HttpRequest.newBuilder(server.uri("/echo"))
                .header("Content-Type", "application/x-demo").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-demo");
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void digestHashesTheWholeBody() throws Exception {
        HttpResponse<String> response = server.client().send(HttpRequest.newBuilder(server.uri("/digest"))
                .POST(HttpRequest.BodyPublishers.ofString("abc")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void jsonIsAnObject() throws Exception {
        HttpResponse<String> response = server.get("/json");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertThat(json.isObject()).isTrue();
        assertThat(json.get("message").asText()).isEqualTo("Hello, World!");
    }

    @Test
    void theRootPageCallsRpcWithTheBrowserClient() throws Exception {
        HttpResponse<String> page = server.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(page.body()).contains("<script type=\"module\">").contains("import { connect, text } from '/rpc.js';")
                .contains("location.host + '/rpc'");
        HttpResponse<String> module = server.get("/rpc.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type")).hasValue("application/javascript;charset=utf-8");
        assertThat(module.body()).contains("export function connect(url, options = {})").contains("setBigInt64");
        HttpResponse<String> post = server.client().send(HttpRequest.newBuilder(server.uri("/rpc.js"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void h2cOnTheSamePortAndErrorsForTheRest() throws Exception {
        HttpResponse<String> h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()
                .send(HttpRequest.newBuilder(server.uri("/hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(h2.body()).isEqualTo("Hello, World!");
        assertThat(server.get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> wrongMethod = server.client().send(HttpRequest.newBuilder(server.uri("/hello"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
    }

    @Test
    void everyEndpointAnswers405WithAllowHeadAndOptions() throws Exception {
        String[][] endpoints = {{"/", "GET"}, {"/rpc.js", "GET"}, {"/hello", "GET"}, {"/async", "GET"},
            {"/stream", "GET"}, {"/json", "GET"}, {"/echo", "POST"}, {"/digest", "POST"}};
        for (String[] endpoint : endpoints) {
            String allow = endpoint[1].equals("GET") ? "GET, HEAD, OPTIONS" : "OPTIONS, POST";
            HttpResponse<String> wrong = send("PUT", endpoint[0]);
            assertThat(wrong.statusCode()).as("PUT " + endpoint[0]).isEqualTo(405);
            assertThat(wrong.headers().firstValue("Allow")).as("PUT " + endpoint[0]).hasValue(allow);
            HttpResponse<String> options = send("OPTIONS", endpoint[0]);
            assertThat(options.statusCode()).as("OPTIONS " + endpoint[0]).isEqualTo(204);
            assertThat(options.headers().firstValue("Allow")).as("OPTIONS " + endpoint[0]).hasValue(allow);
        }
        HttpResponse<String> head = send("HEAD", "/hello");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue("13");
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return server.client().send(HttpRequest.newBuilder(server.uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
