package io.jetring.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.jetty.TlsOptions;
import io.jetring.router.Route;
import io.jetring.router.Router;
import io.jetring.testing.KeyStores;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notes contract on the default store, H2 in memory; and which routes may block. */
class NotesH2Test extends NotesContract {
    @Override
    NoteStore openStore() {
        return NoteStore.inMemory();
    }

    @Test
    void overTlsTheSessionCookieIsSecure(@TempDir Path dir) throws Exception {
        Path keys = KeyStores.generate(dir, "localhost");
        try (NoteStore store = NoteStore.inMemory();
             JetServer server = JetServer.run(DemoApp.handler(DemoApp.rpcServer(), new NotesApp(store, Map.of("DEMO_PASSWORD", PASSWORD))),
                     ServerOptions.builder().host("127.0.0.1").port(0).tls(TlsOptions.of(keys, KeyStores.PASSWORD)).build())) {
            HttpClient client = HttpClient.newBuilder().sslContext(KeyStores.trusting(KeyStores.trustStoreFor(keys, dir))).build();
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=ada&password=" + PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure").contains("; HttpOnly")
                    .contains("; SameSite=Lax").contains("; Path=/");
        }
    }

    @Test
    void closingTheAppEndsTheEventStreamsSoThatAStopNeedNotWait() throws Exception {
        try (NoteStore store = NoteStore.inMemory()) {
            NotesApp notes = new NotesApp(store, Map.of("DEMO_PASSWORD", PASSWORD));
            JetServer server = JetServer.run(DemoApp.handler(DemoApp.rpcServer(), notes),
                    ServerOptions.builder().host("127.0.0.1").port(0).stopTimeout(Duration.ofSeconds(30)).build());
            HttpClient client = HttpClient.newHttpClient();
            String cookie = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=ada&password=" + PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString()).headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            HttpResponse<InputStream> events = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/events")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(events.statusCode()).isEqualTo(200);
            CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> {
                try (InputStream body = events.body()) {
                    return body.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            notes.close();
            assertThat(new String(rest.get(10, TimeUnit.SECONDS), java.nio.charset.StandardCharsets.UTF_8))
                    .as("the stream ended").startsWith(": open");
            long start = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the stop did not wait for its timeout")
                    .isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void theRoutesThatBlockAreSyncTheOthersAsync() {
        try (NoteStore store = NoteStore.inMemory()) {
            Router router = DemoApp.handler(DemoApp.rpcServer(), new NotesApp(store, Map.of()));
            Map<String, Boolean> async = router.routes().stream().collect(Collectors.toMap(
                    route -> String.join(",", route.methods()) + " " + route.template(), route -> route.handler().isAsync()));
            assertThat(async).containsAllEntriesOf(Map.of("GET /api/notes", false, "POST /api/notes", false,
                    "GET /api/notes/{id}", false, "DELETE /api/notes/{id}", false, "POST /api/upload", false));
            assertThat(async).containsAllEntriesOf(Map.of("POST /login", true, "POST /logout", true, "GET /app", true,
                    "GET /api/session", true, "GET /api/events", true, "GET /ws/chat", true, "GET /static/{*file}", true));
            assertThat(router.isAsync()).isTrue();
            assertThat(router.routes()).extracting(Route::template).contains("/ws/echo", "/rpc");
        }
    }
}
