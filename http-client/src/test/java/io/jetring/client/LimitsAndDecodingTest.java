package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.DataSize;
import io.jetring.api.Publishers;
import io.jetring.api.Response;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The size limit of aggregated bodies, and the errors of decoding them. */
class LimitsAndDecodingTest {
    private static final int TWO_MIB = 2 * 1024 * 1024;
    private static JetServer server;
    private static JetClient client;
    private static String base;

    @BeforeAll
    static void start() {
        byte[] big = new byte[TWO_MIB];
        Arrays.fill(big, (byte) 'x');
        byte[] chunk = new byte[64 * 1024];
        Routes routes = new Routes()
                .on("/big", request -> Response.ok(big))
                .on("/big-chunked", request -> Response.stream(Publishers.fromIterator(
                        () -> Collections.nCopies(TWO_MIB / chunk.length, chunk).iterator())))
                .on("/html", request -> Response.text(500, "<html><body>Oops\n</body></html>")
                        .withContentType("text/html"))
                .on("/empty", request -> Response.status(200).withContentType("application/json"))
                .on("/wrong-shape", request -> Response.ok("{\"name\":[1,2],\"age\":\"old\"}")
                        .withContentType("application/json"))
                .on("/long", request -> Response.ok("y".repeat(500)).withContentType("text/plain"));
        server = JetServer.run(routes, ServerOptions.builder().host("127.0.0.1").port(0).build());
        base = "http://127.0.0.1:" + server.port();
        client = JetClient.create(ClientOptions.builder().maxResponseBodySize(DataSize.ofMebibytes(1)).build());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void aBodyLargerThanTheLimitFailsClearly() {
        ResponseTooLargeException failure = Await.failure(client.get(base + "/big", As.bytes()),
                ResponseTooLargeException.class);
        assertThat(failure.limit()).isEqualTo(DataSize.ofMebibytes(1));
        assertThat(failure).hasMessageStartingWith("GET " + base + "/big: the response body is larger than 1 MiB");
    }

    @Test
    void aChunkedBodyIsStoppedAtTheLimit() {
        Await.failure(client.get(base + "/big-chunked", As.string()), ResponseTooLargeException.class);
        // The aborted exchange leaves the client fit for the next call.
        assertThat(Await.result(client.get(base + "/long", As.string())).body()).hasSize(500);
    }

    @Test
    void oneCallMayRaiseTheLimit() {
        byte[] body = Await.result(client.get(base + "/big", As.bytes().withLimit(DataSize.ofMebibytes(3)))).body();
        assertThat(body).hasSize(TWO_MIB);
    }

    @Test
    void streamedBodiesHaveNoLimit() throws Exception {
        ClientResponse<Flow.Publisher<byte[]>> response = Await.result(client.get(base + "/big-chunked", As.publisher()));
        Recorder recorder = new Recorder();
        response.body().subscribe(recorder);
        recorder.request(Long.MAX_VALUE);
        recorder.awaitDone();
        assertThat(recorder.received()).hasSize(TWO_MIB);
    }

    @Test
    void jsonThatDoesNotParseShowsWhatCameInstead() {
        ResponseDecodeException failure = Await.failure(client.get(base + "/html", As.json(Person.class)),
                ResponseDecodeException.class);
        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.contentType()).contains("text/html");
        assertThat(failure.getMessage())
                .startsWith("GET " + base + "/html: could not decode the body as JSON for io.jetring.client.Person: ")
                .contains("status 500", "Content-Type text/html", "body \"<html><body>Oops\\n</body></html>\"");
    }

    @Test
    void anEmptyBodyIsNotJson() {
        ResponseDecodeException failure = Await.failure(client.get(base + "/empty", As.json(Person.class)),
                ResponseDecodeException.class);
        assertThat(failure).hasMessageContaining("the body is empty").hasMessageContaining("empty body");
    }

    @Test
    void jsonOfTheWrongShapeNamesTheTarget() {
        ResponseDecodeException failure = Await.failure(client.get(base + "/wrong-shape", As.json(Person.class)),
                ResponseDecodeException.class);
        assertThat(failure).hasMessageContaining("JSON for io.jetring.client.Person")
                .hasMessageContaining("Content-Type application/json");
    }

    @Test
    void theMessageShowsOnlyTheFirstBytes() {
        ResponseDecodeException failure = Await.failure(client.get(base + "/long", As.json()),
                ResponseDecodeException.class);
        assertThat(failure).hasMessageContaining("body starts with \"" + "y".repeat(64) + "…\"");
    }

    @Test
    void aCustomDecoderFailsTheSameWay() {
        As<Integer> number = As.decoded("a number", response -> Integer.parseInt(text(response)));
        ResponseDecodeException failure = Await.failure(client.get(base + "/long", number), ResponseDecodeException.class);
        assertThat(failure).hasMessageContaining("could not decode the body as a number: For input string")
                .hasCauseInstanceOf(NumberFormatException.class);
    }

    private static String text(ClientResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
