package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.jetring.api.Body;
import io.jetring.api.DataSize;
import io.jetring.api.Headers;
import io.jetring.api.Publishers;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The examples of {@code docs/client.md}, compiled and run: each block of the guide is the body of one
 * method here, against a small API served by a JetServer.
 */
class ClientGuideTest {
    /** The record the guide decodes JSON into. */
    record User(String name, String email) {
    }

    private static JetServer server;
    private static String baseUrl;

    @BeforeAll
    static void start() {
        Routes api = new Routes()
                .on("/users/7", request -> Response.ok("{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"id\":7}")
                        .withContentType("application/json"))
                .on("/users", request -> request.method().equals("POST")
                        ? Response.of(201, Headers.of("Content-Type", "application/json"),
                                Body.of(request.body().readAllBytes()))
                        : Response.ok("[{\"name\":\"Ada\",\"email\":\"ada@example.com\"}]").withContentType("application/json"))
                .on("/users/8", request -> Response.of(404, Headers.of("Content-Type", "application/json"),
                        Body.of("{\"error\":\"no such user\"}")))
                .on("/search", Echo.HANDLER)
                .on("/login", Echo.HANDLER)
                .on("/events", request -> Response.stream(Publishers.of(
                        "event: one\n\n".getBytes(StandardCharsets.UTF_8), "event: two\n\n".getBytes(StandardCharsets.UTF_8))))
                .on("/upload", Echo.HANDLER);
        server = JetServer.run(api, ServerOptions.builder().host("127.0.0.1").port(0).build());
        baseUrl = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void quickStart() throws Exception {
        // guide: quick start
        try (JetClient client = JetClient.create()) {
            ClientResponse<User> response = client.get(baseUrl + "/users/7", As.json(User.class))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            System.out.println(response.status() + " " + response.body().name());
            // end
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(new User("Ada", "ada@example.com"));
        }
    }

    @Test
    void options() {
        JetClient closed;
        // guide: options
        ClientOptions options = ClientOptions.builder()
                .connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(15))
                .maxConnectionsPerDestination(16)
                .userAgent("inventory-service/2.1")
                .http2(Http2Mode.TLS)
                .maxResponseBodySize(DataSize.ofMebibytes(50))
                .build();
        JetClient client = JetClient.create(options);   // one for the whole application, shared
        // ... and when the application stops:
        client.close();
        // end
        closed = client;
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.maxConnectionsPerDestination()).isEqualTo(16);
        assertThat(options.userAgent()).contains("inventory-service/2.1");
        assertThat(options.http2()).isEqualTo(Http2Mode.TLS);
        assertThat(options.maxResponseBodySize()).isEqualTo(DataSize.ofMebibytes(50));
        assertThat(ClientOptions.defaults().maxConnectionsPerDestination()).isEqualTo(64);
        // A closed client refuses new calls with a ClientException instead of hanging.
        assertThat(closed.get(baseUrl + "/users/7", As.string()).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(ClientException.class);
    }

    @Test
    void requests() {
        try (JetClient client = JetClient.create()) {
            // guide: requests
            ClientRequest<JsonNode> search = ClientRequest.get(baseUrl + "/search?lang=en")
                    .query("q", "ring & jetty")          // encoded: q=ring%20%26%20jetty
                    .header("Accept", "application/json")
                    .header("X-Trace", "a")
                    .header("X-Trace", "b")              // several values, kept apart
                    .timeout(Duration.ofSeconds(3))
                    .as(As.json())
                    .build();
            CompletionStage<ClientResponse<JsonNode>> found = client.send(search);

            CompletionStage<ClientResponse<String>> login = client.post(baseUrl + "/login", r -> r
                    .form("user", "ada")
                    .form("password", "s3cret")
                    .as(As.string()));

            CompletionStage<ClientResponse<User>> created = client.post(baseUrl + "/users", r -> r
                    .basicAuth("admin", "pässword")
                    .json(new User("Grace", "grace@example.com"))
                    .as(As.json(User.class)));
            // end
            assertThat(Await.result(found).body().get("params").get("q").get(0).asText()).isEqualTo("ring & jetty");
            assertThat(Await.result(login).status()).isEqualTo(200);
            assertThat(Await.result(created).body()).isEqualTo(new User("Grace", "grace@example.com"));
        }
    }

    @Test
    void jsonIntoARecord() {
        try (JetClient client = JetClient.create()) {
            // guide: json
            // record User(String name, String email) { }
            User user = client.get(baseUrl + "/users/7", As.json(User.class))
                    .toCompletableFuture().join().body();   // {"name":"Ada","email":"ada@example.com","id":7}

            List<User> all = client.get(baseUrl + "/users", As.json(new TypeReference<List<User>>() { }))
                    .toCompletableFuture().join().body();
            // end
            assertThat(user).isEqualTo(new User("Ada", "ada@example.com"));
            assertThat(all).containsExactly(user);
        }
    }

    @Test
    void streamingDownload() throws Exception {
        try (JetClient client = JetClient.create()) {
            // guide: streaming download
            ClientResponse<InputStream> response = client.get(baseUrl + "/events", As.inputStream())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);   // completes when the headers arrive
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String events = lines.lines().filter(line -> line.startsWith("event:")).collect(Collectors.joining(","));
                System.out.println(events);                          // event: one,event: two
                // end
                assertThat(events).isEqualTo("event: one,event: two");
            }
        }
    }

    @Test
    void streamingUpload() {
        try (JetClient client = JetClient.create()) {
            Flow.Publisher<byte[]> chunks = Publishers.of(
                    "part 1,".getBytes(StandardCharsets.UTF_8), "part 2".getBytes(StandardCharsets.UTF_8));
            // guide: streaming upload
            // chunks: any Flow.Publisher<byte[]>; each is requested only when the last one was written
            CompletionStage<ClientResponse<Flow.Publisher<byte[]>>> call =
                    client.post(baseUrl + "/upload", Body.of(chunks), As.publisher());
            // end
            Recorder recorder = new Recorder();
            Await.result(call).body().subscribe(recorder);
            try {
                recorder.request(Long.MAX_VALUE);
                recorder.awaitDone();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertThat(new String(recorder.received(), StandardCharsets.UTF_8)).contains("part 1,part 2");
        }
    }

    @Test
    void errors() {
        try (JetClient client = JetClient.create()) {
            assertThat(Await.result(describe(client, baseUrl + "/users/7"))).isEqualTo("user Ada");
            assertThat(Await.result(describe(client, baseUrl + "/users/8"))).isEqualTo("HTTP 404");
            // A body is decoded whatever the status: a plain-text 404 is not JSON.
            assertThat(Await.result(describe(client, baseUrl + "/no-such-path"))).startsWith("not a User (HTTP 404): ");
            assertThat(Await.result(describe(client, baseUrl + "/events"))).startsWith("not a User (HTTP 200): ");
            assertThat(Await.result(describe(client, "http://127.0.0.1:1/users/7"))).startsWith("failed: ");
        }
    }

    private static CompletionStage<String> describe(JetClient client, String url) {
        // guide: errors
        return client.get(url, As.json(User.class))
                .thenApply(response -> response.isSuccess()
                        ? "user " + response.body().name()
                        : "HTTP " + response.status())              // 404, 500: still a response
                .exceptionally(failure -> {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    if (cause instanceof ClientTimeoutException timeout) {
                        return "too slow: " + timeout.kind();
                    } else if (cause instanceof ResponseDecodeException decode) {
                        return "not a User (HTTP " + decode.status() + "): " + decode.getMessage();
                    } else {
                        return "failed: " + cause.getMessage();   // a ClientException: refused, reset, closed
                    }
                });
        // end
    }

    @Test
    void inProcess() {
        // guide: in process
        RingHandler app = request -> Response.ok("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")
                .withContentType("application/json");
        try (JetClient client = JetClient.inProcess(app)) {
            User user = client.get("http://app.test/users/7", As.json(User.class))
                    .toCompletableFuture().join().body();
            assertThat(user.name()).isEqualTo("Ada");
        }
        // end
    }
}
