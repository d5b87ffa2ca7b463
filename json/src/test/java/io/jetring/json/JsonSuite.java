package io.jetring.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.DataSize;
import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.ContainerFixture;
import io.jetring.servlet.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** JSON bodies and responses over the wire, a sync and an async server per container. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JsonSuite {
    /**
     * A client per request: several answers here (406, 413, 415) come before the body is read, and a
     * container may then close the connection, which a shared client's pool could hand to the next
     * request ("header parser received no bytes").
     */
    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    record Order(String item, int quantity) {
    }

    record Receipt(String item, int quantity, boolean accepted) {
    }

    private RunningServer sync;
    private RunningServer async;

    abstract ContainerFixture fixture();

    @BeforeAll
    void start() throws Exception {
        Middleware json = Json.middleware(JsonMapping.defaults(), Optional.of(DataSize.ofKibibytes(1)));
        RingHandler syncApp = ((RingHandler) this::syncRoute).wrap(json);
        RingHandler asyncApp = RingHandler.async(this::asyncRoute).wrap(json);
        sync = fixture().start(syncApp, DataSize.ofMebibytes(1), Duration.ofSeconds(20));
        async = fixture().start(asyncApp, DataSize.ofMebibytes(1), Duration.ofSeconds(20));
    }

    private Response syncRoute(Request request) throws Exception {
        if (request.path().equals("/tree")) {
            return Json.response(request, Json.readTree(request).size());
        }
        Order order = Json.read(request, Order.class);
        return Json.response(201, new Receipt(order.item(), order.quantity(), true));
    }

    private CompletableFuture<Response> asyncRoute(Request request) {
        if (request.path().equals("/tree")) {
            return Json.readTreeAsync(request).thenApply(tree -> Json.response(request, tree.size()))
                    .toCompletableFuture();
        }
        return Json.readAsync(request, Order.class)
                .thenApply(order -> Json.response(201, new Receipt(order.item(), order.quantity(), true)))
                .toCompletableFuture();
    }

    @AfterAll
    void stop() {
        try {
            async.close();
        } finally {
            sync.close();
        }
    }

    @Test
    void readsARecordAndAnswersJson() throws Exception {
        for (RunningServer server : List.of(sync, async)) {
            HttpResponse<String> response = post(server.uri("/orders"), "application/json",
                    "{\"item\":\"tea\",\"quantity\":2,\"note\":\"unknown fields are ignored\"}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.body()).isEqualTo("{\"item\":\"tea\",\"quantity\":2,\"accepted\":true}");
            assertThat(post(server.uri("/tree"), "application/vnd.api+json; charset=utf-8", "[1,2,3]").body())
                    .isEqualTo("3");
        }
    }

    @Test
    void anotherContentTypeIs415() throws Exception {
        for (RunningServer server : List.of(sync, async)) {
            HttpResponse<String> response = post(server.uri("/orders"), "text/plain", "{}");
            assertThat(response.statusCode()).isEqualTo(415);
            assertThat(response.body()).isEqualTo("415 Unsupported Media Type: Content-Type: \"text/plain\""
                    + " (expected: application/json or another +json type)");
        }
    }

    @Test
    void brokenJsonIs400SayingWhere() throws Exception {
        for (RunningServer server : List.of(sync, async)) {
            HttpResponse<String> syntax = post(server.uri("/orders"), "application/json", "{\"item\":\"tea\",\n\"quantity\":}");
            assertThat(syntax.statusCode()).isEqualTo(400);
            assertThat(syntax.body().strip()).startsWith("400 Bad Request: json: Unexpected character ('}'")
                    .contains("at line 2, column 12").endsWith("(expected: a Order)");
            HttpResponse<String> binding = post(server.uri("/orders"), "application/json",
                    "{\"item\":\"tea\",\"quantity\":\"many\"}");
            assertThat(binding.statusCode()).isEqualTo(400);
            assertThat(binding.body().strip()).contains("at $.quantity").endsWith("(expected: a Order)");
            assertThat(post(server.uri("/orders"), "application/json", "").body().strip())
                    .isEqualTo("400 Bad Request: json: empty body (expected: a Order)");
            assertThat(post(server.uri("/orders"), "application/json", "null").body().strip())
                    .isEqualTo("400 Bad Request: json: null (expected: a Order)");
        }
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        for (RunningServer server : List.of(sync, async)) {
            assertThat(post(server.uri("/orders"), "application/json",
                    "{\"item\":\"" + "t".repeat(2000) + "\",\"quantity\":1}").statusCode()).isEqualTo(413);
        }
    }

    @Test
    void anAcceptWithoutJsonIs406() throws Exception {
        for (RunningServer server : List.of(sync, async)) {
            HttpResponse<String> refused = send(server.uri("/orders"), "application/json", "{}", "text/html, text/*;q=0.5");
            assertThat(refused.statusCode()).isEqualTo(406);
            assertThat(refused.body()).isEqualTo("406 Not Acceptable: Accept \"text/html, text/*;q=0.5\""
                    + " (expected: one that admits application/json)");
            assertThat(send(server.uri("/orders"), "application/json", "{}", "application/json;q=0").statusCode())
                    .isEqualTo(406);
            for (String accept : List.of("*/*", "application/*;q=0.1", "text/html, application/json", "application/problem+json")) {
                assertThat(send(server.uri("/orders"), "application/json", "{\"item\":\"x\",\"quantity\":1}", accept)
                        .statusCode()).as(accept).isEqualTo(201);
            }
        }
    }

    private static HttpResponse<String> post(URI uri, String type, String body) throws Exception {
        return client().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(URI uri, String type, String body, String accept) throws Exception {
        return client().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
