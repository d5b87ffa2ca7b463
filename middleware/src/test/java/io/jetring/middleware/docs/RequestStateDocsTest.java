package io.jetring.middleware.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.middleware.CookieSessionStore;
import io.jetring.middleware.Csrf;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of docs/middleware.md do what the page says, over a real socket. */
class RequestStateDocsTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String run(RingHandler handler, HttpRequest.Builder request, String path) throws Exception {
        try (JetServer server = JetServer.run(handler, ServerOptions.builder().host("127.0.0.1").port(0)
                .stopTimeout(Duration.ofSeconds(1)).build())) {
            HttpResponse<String> response = CLIENT.send(request.uri(server.uri().resolve(path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return (response.statusCode() + " " + response.body()).strip();
        }
    }

    private static HttpRequest.Builder post(String type, String body) {
        return HttpRequest.newBuilder().header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void parameters() throws Exception {
        assertThat(run(RequestStateExamples.search(), HttpRequest.newBuilder(), "/?limit=5&sort=date&tag=a&tag=b"))
                .isEqualTo("200 5 DATE [a, b]");
        assertThat(run(RequestStateExamples.search(), HttpRequest.newBuilder(), "/?limit=ten"))
                .startsWith("400 400 Bad Request: limit: \"ten\" (expected: an integer");
        assertThat(run(RequestStateExamples.signup(), post("application/x-www-form-urlencoded",
                "email=a%40b.c&newsletter=on"), "/")).isEqualTo("200 a@b.c true");
        assertThat(run(RequestStateExamples.signup(), post("application/x-www-form-urlencoded", "x=1"), "/"))
                .isEqualTo("400 400 Bad Request: email: missing (expected: a value)");
    }

    @Test
    void cookiesAndSessions() throws Exception {
        assertThat(run(RequestStateExamples.theme(), HttpRequest.newBuilder().header("Cookie", "theme=dark"), "/"))
                .isEqualTo("200 dark");
        assertThat(run(RequestStateExamples.visits(), HttpRequest.newBuilder(), "/")).isEqualTo("200 visit 1");
        assertThat(run(RequestStateExamples.login(), post("application/x-www-form-urlencoded", "user=ada")
                .header("Cookie", "session=planted"), "/login")).isEqualTo("303");
        RingHandler shared = ((RingHandler) request -> Response.ok("ok"))
                .wrap(RequestStateExamples.sharedSessions(List.of(CookieSessionStore.generateKey())));
        assertThat(run(shared, HttpRequest.newBuilder(), "/")).isEqualTo("200 ok");
    }

    @Test
    void csrf() throws Exception {
        assertThat(run(RequestStateExamples.comments(), HttpRequest.newBuilder(), "/")).contains("name=_csrf value=\"");
        assertThat(run(RequestStateExamples.comments(), post("application/x-www-form-urlencoded", "text=hi"), "/"))
                .startsWith("403 403 Forbidden: no CSRF token");
        assertThat(Csrf.Options.defaults().field()).isEqualTo("_csrf");
    }

    @Test
    void uploads() throws Exception {
        Path albums = Files.createTempDirectory("albums");
        String boundary = "XyZ";
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nSea\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"../../etc/passwd\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\nJPEG\r\n--XyZ--\r\n";
        assertThat(run(RequestStateExamples.upload(albums), post("multipart/form-data; boundary=" + boundary, body), "/"))
                .isEqualTo("200 Sea: 4 bytes");
        try (var kept = Files.list(albums)) {
            List<Path> files = kept.toList();
            assertThat(files).hasSize(1);
            assertThat(Files.readString(files.get(0), StandardCharsets.UTF_8)).isEqualTo("JPEG");
            Files.delete(files.get(0));
        }
        Files.delete(albums);
    }

    @Test
    void json() throws Exception {
        for (RingHandler orders : List.of(RequestStateExamples.orders(), RequestStateExamples.ordersAsync())) {
            assertThat(run(orders, post("application/json", "{\"item\":\"tea\",\"quantity\":2}"), "/"))
                    .isEqualTo("201 {\"item\":\"tea\",\"quantity\":2,\"status\":\"accepted\"}");
            assertThat(run(orders, post("text/plain", "{}"), "/")).startsWith("415 ");
            assertThat(run(orders, post("application/json", "{").header("Accept", "text/html"), "/")).startsWith("406 ");
        }
    }

    @Test
    void presets() throws Exception {
        RingHandler app = RequestStateExamples.app(request -> Response.ok("page " + Csrf.token(request).length()),
                request -> Response.ok("api"));
        assertThat(run(app, HttpRequest.newBuilder(), "/")).isEqualTo("200 page 43");
        assertThat(run(app, HttpRequest.newBuilder().header("Accept", "text/html"), "/api/x")).startsWith("406 ");
        assertThat(RequestStateExamples.customSite(List.of(CookieSessionStore.generateKey()))).isNotNull();
    }
}
