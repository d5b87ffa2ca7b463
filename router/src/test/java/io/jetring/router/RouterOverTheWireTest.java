package io.jetring.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.DataSize;
import io.jetring.api.Middleware;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.ContainerFixture;
import io.jetring.servlet.testing.RunningServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One router, mixing sync and async routes, over real sockets in JetServer, Jetty ee10 and Tomcat 11. */
class RouterOverTheWireTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    static Router app() {
        Middleware auth = handler -> request -> request.header("Authorization").isPresent()
                ? handler.handle(request) : Response.text(401, "Unauthorized");
        return Router.builder()
                .get("/hello/{name}", request -> Response.ok("hello " + Router.pathParam(request, "name")
                        + " on " + Thread.currentThread().getName()))
                .get("/async/{id}", RingHandler.async(request -> CompletableFuture.supplyAsync(
                        () -> Response.ok("async " + Router.pathParam(request, "id")))))
                .post("/hello/{name}", request -> Response.text(201, "created " + Router.pathParam(request, "name")))
                .group("/admin", auth, admin -> admin.get("/stats", request -> Response.ok("stats")))
                .middleware(Middleware.mapResponse((request, response) ->
                        response.withHeader("X-Route", request.context().routeTemplate().orElse("none"))))
                .build();
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Suite {
        private RunningServer server;

        abstract ContainerFixture fixture();

        @BeforeAll
        void start() throws Exception {
            server = fixture().start(app(), DataSize.ofKibibytes(64), Duration.ofSeconds(10));
        }

        @AfterAll
        void stop() {
            server.close();
        }

        HttpResponse<String> send(String method, String path, String... headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void syncRoutesRunOffTheIoThreadWithDecodedParameters() throws Exception {
            HttpResponse<String> response = send("GET", "/hello/J%C3%BCrgen");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("hello Jürgen on ");
            assertThat(response.headers().firstValue("X-Route")).contains("/hello/{name}");
        }

        @Test
        void asyncRoutesShareTheRouter() throws Exception {
            HttpResponse<String> response = send("GET", "/async/9");
            assertThat(response.body()).isEqualTo("async 9");
            assertThat(response.headers().firstValue("X-Route")).contains("/async/{id}");
        }

        @Test
        void notFoundAndMethodNotAllowed() throws Exception {
            HttpResponse<String> missing = send("GET", "/nope");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("X-Route")).contains("none");
            HttpResponse<String> wrong = send("DELETE", "/hello/x");
            assertThat(wrong.statusCode()).isEqualTo(405);
            assertThat(wrong.headers().firstValue("Allow")).contains("GET, HEAD, OPTIONS, POST");
        }

        @Test
        void headHasTheGetHeadersAndNoBody() throws Exception {
            HttpResponse<String> get = send("GET", "/async/1");
            HttpResponse<String> head = send("HEAD", "/async/1");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
            assertThat(head.headers().firstValue("Content-Length")).isEqualTo(get.headers().firstValue("Content-Length"));
        }

        @Test
        void optionsAnswersWithAllow() throws Exception {
            HttpResponse<String> options = send("OPTIONS", "/hello/x");
            assertThat(options.statusCode()).isEqualTo(204);
            assertThat(options.headers().firstValue("Allow")).contains("GET, HEAD, OPTIONS, POST");
        }

        @Test
        void groupMiddlewareGuardsItsRoutes() throws Exception {
            assertThat(send("GET", "/admin/stats").statusCode()).isEqualTo(401);
            assertThat(send("GET", "/admin/stats", "Authorization", "Bearer x").body()).isEqualTo("stats");
        }

        @Test
        void aBadEscapeIsA400() throws Exception {
            assertThat(send("GET", "/hello/%C3").statusCode()).isEqualTo(400);
        }
    }

    @Nested
    class OnJetServer extends Suite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jetServer();
        }
    }

    @Nested
    class OnJettyEe10 extends Suite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.jettyServlet();
        }
    }

    @Nested
    class OnTomcat extends Suite {
        @Override
        ContainerFixture fixture() {
            return ContainerFixture.tomcat();
        }
    }
}
