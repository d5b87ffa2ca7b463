package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.RunningServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Cors} over real sockets, around a sync and an async application. */
abstract class CorsSuite extends ContainerSuite {
    static final String APP = "https://app.example.com";
    final AtomicInteger calls = new AtomicInteger();
    List<RunningServer> servers;

    @BeforeAll
    void start() throws Exception {
        RingHandler app = request -> {
            calls.incrementAndGet();
            return Response.ok("answer to " + request.method()).withHeader("X-Request-Id", "42");
        };
        CorsOptions strict = CorsOptions.allowing(APP, "https://*.partner.example.org")
                .withAllowedMethods("GET", "POST", "PUT").withAllowedHeaders("Content-Type", "X-Token")
                .withExposedHeaders("X-Request-Id").withAllowCredentials(true);
        RingHandler strictApp = app.wrap(Cors.of(strict));
        RingHandler openApp = app.wrap(Cors.of(CorsOptions.allowing("*").withAllowedHeaders("*")));
        RingHandler routed = request -> (request.path().startsWith("/open") ? openApp : strictApp).handle(request);
        RingHandler asyncStrict = RingHandler.async(r -> CompletableFuture.completedFuture(app.handle(r))).wrap(Cors.of(strict));
        RingHandler asyncOpen = RingHandler.async(r -> CompletableFuture.completedFuture(app.handle(r)))
                .wrap(Cors.of(CorsOptions.allowing("*").withAllowedHeaders("*")));
        RingHandler asyncRouted = RingHandler.async(request ->
                (request.path().startsWith("/open") ? asyncOpen : asyncStrict).handleAsync(request));
        servers = List.of(start(routed), start(asyncRouted));
    }

    @Test
    void anAllowedPreflightIsAnsweredWithoutTheHandler() throws Exception {
        for (RunningServer server : servers) {
            int before = calls.get();
            HttpResponse<byte[]> response = send("OPTIONS", server.uri("/api"), "Origin", APP,
                    "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type, X-Token");
            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
            assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST, PUT");
            assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type, x-token");
            assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
            assertThat(response.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Origin"));
            assertThat(calls.get()).as("the handler never saw the preflight").isEqualTo(before);
        }
    }

    @Test
    void aRefusedPreflightGetsNoCorsHeaders() throws Exception {
        for (RunningServer server : servers) {
            for (String[] attempt : List.of(
                    new String[] {"https://evil.example", "PUT", "content-type"},
                    new String[] {APP, "DELETE", ""},
                    new String[] {APP, "PUT", "x-other"})) {
                HttpResponse<byte[]> response = send("OPTIONS", server.uri("/api"), "Origin", attempt[0],
                        "Access-Control-Request-Method", attempt[1], "Access-Control-Request-Headers", attempt[2]);
                assertThat(response.statusCode()).as(String.join(" ", attempt)).isEqualTo(403);
                assertThat(corsHeaders(response)).as(String.join(" ", attempt)).isEmpty();
            }
        }
    }

    @Test
    void anAllowedOriginGetsTheAnswer() throws Exception {
        for (RunningServer server : servers) {
            for (String origin : List.of(APP, "https://a.partner.example.org", "https://b.c.partner.example.org")) {
                HttpResponse<byte[]> response = get(server.uri("/api"), "Origin", origin);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(origin).hasValue(origin);
                assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
                assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValue("X-Request-Id");
                assertThat(response.headers().firstValue("Vary")).hasValue("Origin");
            }
        }
    }

    @Test
    void aRefusedOriginGetsNoCorsHeaders() throws Exception {
        for (RunningServer server : servers) {
            for (String origin : List.of("https://evil.example", "http://app.example.com", "https://app.example.com.evil.io",
                    "https://partner.example.org", "https://evilpartner.example.org", "https://a..partner.example.org",
                    "null", "https://app.example.com:444")) {
                HttpResponse<byte[]> response = get(server.uri("/api"), "Origin", origin);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(corsHeaders(response)).as(origin).isEmpty();
                assertThat(response.headers().firstValue("Vary")).hasValue("Origin");
            }
            HttpResponse<byte[]> sameOrigin = get(server.uri("/api"));
            assertThat(corsHeaders(sameOrigin)).isEmpty();
            assertThat(sameOrigin.headers().firstValue("Vary")).hasValue("Origin");
        }
    }

    @Test
    void anyOriginWithoutCredentialsIsAStar() throws Exception {
        for (RunningServer server : servers) {
            HttpResponse<byte[]> response = get(server.uri("/open"), "Origin", "https://anyone.example");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
            HttpResponse<byte[]> preflight = send("OPTIONS", server.uri("/open"), "Origin", "https://anyone.example",
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-anything");
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("x-anything");
        }
    }

    @Test
    void aPlainOptionsRequestReachesTheHandler() throws Exception {
        for (RunningServer server : servers) {
            HttpResponse<byte[]> response = send("OPTIONS", server.uri("/api"), "Origin", APP);
            assertThat(new String(response.body())).isEqualTo("answer to OPTIONS");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        }
    }

    private static List<String> corsHeaders(HttpResponse<?> response) {
        return response.headers().map().keySet().stream().filter(n -> n.toLowerCase().startsWith("access-control-")).toList();
    }
}
