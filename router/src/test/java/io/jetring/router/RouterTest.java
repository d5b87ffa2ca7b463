package io.jetring.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.BadRequestException;
import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.RequestContext;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static Request request(String method, String path) {
        return Request.builder().method(method).path(path).build();
    }

    private static RingHandler says(String what) {
        return request -> Response.ok(what + " " + Router.pathParams(request));
    }

    private final Router router = Router.builder()
            .get("/", says("root"))
            .get("/users", says("list"))
            .post("/users", says("create"))
            .route(Route.of("GET", "/users/{id}", says("show")).named("user"))
            .delete("/users/{id}", says("remove"))
            .get("/users/{id}/posts/{post}", says("post"))
            .route(Route.of("GET", "/files/{*path}", says("file")).named("file"))
            .build();

    @Test
    void pathParametersAreAnImmutableMapInTemplateOrder() throws Exception {
        CompletableFuture<Map<String, String>> seen = new CompletableFuture<>();
        Router r = Router.builder().get("/a/{x}/b/{y}", request -> {
            seen.complete(Router.pathParams(request));
            return Response.ok("");
        }).build();
        r.handle(request("GET", "/a/1/b/2"));
        Map<String, String> params = seen.getNow(null);

        assertThat(params).containsExactly(Map.entry("x", "1"), Map.entry("y", "2"));
        assertThat(params).isEqualTo(Map.of("x", "1", "y", "2")).hasSameHashCodeAs(Map.of("x", "1", "y", "2"));
        assertThat(params.get("z")).isNull();
        assertThatThrownBy(() -> params.put("z", "3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> params.entrySet().iterator().next().setValue("3"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void routesByMethodAndPathWithDecodedParameters() throws Exception {
        assertThat(bodyOf(router.handle(request("GET", "/")))).isEqualTo("root {}");
        assertThat(bodyOf(router.handle(request("GET", "/users")))).isEqualTo("list {}");
        assertThat(bodyOf(router.handle(request("POST", "/users")))).isEqualTo("create {}");
        assertThat(bodyOf(router.handle(request("GET", "/users/a%20b")))).isEqualTo("show {id=a b}");
        assertThat(bodyOf(router.handle(request("DELETE", "/users/7")))).isEqualTo("remove {id=7}");
        assertThat(bodyOf(router.handle(request("GET", "/users/7/posts/%C3%A9t%C3%A9")))).isEqualTo("post {id=7, post=été}");
        assertThat(bodyOf(router.handle(request("GET", "/files/a/b%2Fc.txt")))).isEqualTo("file {path=a/b/c.txt}");
        assertThat(bodyOf(router.handle(request("GET", "/files/")))).isEqualTo("file {path=}");
    }

    @Test
    void unknownPathIs404AndAnotherMethodIs405WithAllow() throws Exception {
        assertThat(router.handle(request("GET", "/nope")).status()).isEqualTo(404);
        assertThat(router.handle(request("GET", "/users/7/posts")).status()).isEqualTo(404);
        Response wrong = router.handle(request("PUT", "/users/7"));
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.headers().first("Allow")).contains("DELETE, GET, HEAD, OPTIONS");
        assertThat(router.handle(request("DELETE", "/users")).headers().first("Allow")).contains("GET, HEAD, OPTIONS, POST");
    }

    @Test
    void headUsesTheGetRouteAndOptionsListsTheMethods() throws Exception {
        assertThat(bodyOf(router.handle(request("HEAD", "/users/7")))).isEqualTo("show {id=7}");
        Response options = router.handle(request("OPTIONS", "/users/7"));
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.headers().first("Allow")).contains("DELETE, GET, HEAD, OPTIONS");
        Router own = Router.builder().get("/x", says("x")).route("OPTIONS", "/x", r -> Response.text(200, "mine")).build();
        assertThat(bodyOf(own.handle(request("OPTIONS", "/x")))).isEqualTo("mine");
        assertThat(router.handle(request("OPTIONS", "/nope")).status()).isEqualTo(404);
    }

    @Test
    void trailingSlashesAndEmptySegmentsDoNotMatch() throws Exception {
        assertThat(router.handle(request("GET", "/users/")).status()).isEqualTo(404);
        assertThat(router.handle(request("GET", "//users")).status()).isEqualTo(404);
        assertThat(router.handle(request("GET", "/users//posts/1")).status()).isEqualTo(404);
    }

    @Test
    void aBadEscapeInAParameterIsABadRequest() {
        assertThatThrownBy(() -> router.handle(request("GET", "/users/%zz")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("path parameter id");
        assertThatThrownBy(() -> router.handle(request("GET", "/users/%C3")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void theMatchedRouteIsRecordedOnTheContext() throws Exception {
        Request request = request("GET", "/users/42");
        router.handle(request);
        assertThat(request.context().routeTemplate()).contains("/users/{id}");
        assertThat(request.context().routeName()).contains("user");
    }

    @Test
    void pathParamsOutsideARouterNameTheRouter() {
        assertThatThrownBy(() -> Router.pathParam(request("GET", "/x"), "id"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Router");
    }

    @Test
    void conflictsAndBadTemplatesFailAtBuildNamingThem() {
        assertThatThrownBy(() -> Router.builder().get("/users/{id}", says("a")).get("/users/me", says("b")).build())
                .hasMessageContaining("GET /users/me").hasMessageContaining("GET /users/{id}");
        assertThatThrownBy(() -> Router.builder().get("/a/{*rest}", says("a")).get("/a/b/c", says("b")).build())
                .hasMessageContaining("/a/{*rest}");
        // Different methods may share a path shape.
        Router.builder().get("/users/{id}", says("a")).delete("/users/me", says("b")).build();
        assertThatThrownBy(() -> Router.builder().get("/users/{id", says("a")))
                .hasMessage("template: \"/users/{id\" at position 7 (expected: a parameter closed by } at the end of its segment)");
        assertThatThrownBy(() -> Router.builder().get("users", says("a")))
                .hasMessageContaining("at position 0");
        assertThatThrownBy(() -> Router.builder().get("/a//b", says("a"))).hasMessageContaining("at position 3");
        assertThatThrownBy(() -> Router.builder().get("/{*a}/b", says("a"))).hasMessageContaining("last segment only");
        assertThatThrownBy(() -> Router.builder().get("/x{id}", says("a"))).hasMessageContaining("at position 2");
        assertThatThrownBy(() -> Router.builder().get("/{id}/{id}", says("a"))).hasMessageContaining("{id} repeats");
        assertThatThrownBy(() -> Router.builder().route(Route.of("GET", "/a", says("a")).named("n"))
                .route(Route.of("GET", "/b", says("b")).named("n")).build()).hasMessageContaining("\"n\"");
    }

    @Test
    void reverseRoutingEncodes() {
        assertThat(router.url("user", "id", "a b/c")).isEqualTo("/users/a%20b%2Fc");
        assertThat(router.url("file", Map.of("path", "docs/é.txt"))).isEqualTo("/files/docs/%C3%A9.txt");
        assertThatThrownBy(() -> router.url("user")).hasMessageContaining("parameter id");
        assertThatThrownBy(() -> router.url("nope")).hasMessageContaining("one of [file, user]");
    }

    @Test
    void listsItsRoutes() {
        assertThat(router.routes()).extracting(Route::toString).containsExactly(
                "GET /", "GET /users", "POST /users", "GET /users/{id} (user)", "DELETE /users/{id}",
                "GET /users/{id}/posts/{post}", "GET /files/{*path} (file)");
    }

    @Test
    void groupsPrefixAndWrapTheirRoutesAndNest() throws Exception {
        Middleware tag = Middleware.mapResponse((req, res) -> res.withHeader("X-Group", "api"));
        Middleware auth = handler -> request -> request.header("Authorization").isPresent()
                ? handler.handle(request) : Response.text(401, "Unauthorized");
        Router grouped = Router.builder()
                .get("/", says("home"))
                .group("/api", tag, api -> api
                        .get("/ping", says("pong"))
                        .group("/admin", auth, admin -> admin.get("/", says("admin"))))
                .build();
        Response ping = grouped.handle(request("GET", "/api/ping"));
        assertThat(ping.headers().first("X-Group")).contains("api");
        assertThat(grouped.handle(request("GET", "/")).headers().first("X-Group")).isEmpty();
        Response refused = grouped.handle(request("GET", "/api/admin"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().first("X-Group")).contains("api");
        assertThat(bodyOf(grouped.handle(request("GET", "/api/admin").withHeader("Authorization", "x")))).isEqualTo("admin {}");
    }

    @Test
    void routerMiddlewareSeesTheRoutersOwnAnswers() throws Exception {
        Router wrapped = Router.builder().get("/a", says("a"))
                .middleware(Middleware.mapResponse((req, res) -> res.withHeader("X-Seen", "yes"))).build();
        assertThat(wrapped.handle(request("GET", "/missing")).headers().first("X-Seen")).contains("yes");
        assertThat(wrapped.handle(request("POST", "/a")).headers().first("X-Seen")).contains("yes");
    }

    @Test
    void prefixMiddlewareWithParametersOrInsideAGroupIsRefused() {
        Middleware none = handler -> handler;
        assertThatThrownBy(() -> Router.builder().middleware("/users/{id}", none))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("\"/users/{id}\"").hasMessageContaining("literal segments only");
        assertThatThrownBy(() -> Router.builder().group("/api", api -> api.get("/x", says("x")).middleware("/x", none)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("added inside group /api");
        assertThatThrownBy(() -> Router.builder().group("/api", api -> api.middleware(none)))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void prefixMiddlewareSeesTheRoutersOwnAnswersUnderItsPrefixOnly() throws Exception {
        Middleware mark = Middleware.mapResponse((req, res) -> res.withHeader("X-Api", "yes"));
        RingHandler later = RingHandler.async(req -> CompletableFuture.completedFuture(Response.ok("later")));
        for (boolean async : new boolean[] {false, true}) {
            Router router = Router.builder().get("/api/notes", async ? later : says("notes")).get("/apis", says("apis"))
                    .get("/api", says("api")).get("/other", says("other")).middleware("/api", mark).build();
            assertThat(router.isAsync()).isEqualTo(async);
            for (String[] inside : new String[][] {{"GET", "/api/notes"}, {"OPTIONS", "/api/notes"}, {"PUT", "/api/notes"},
                {"GET", "/api/missing"}, {"GET", "/api"}}) {
                assertThat(router.handleAsync(request(inside[0], inside[1])).toCompletableFuture().get().header("X-Api"))
                        .as("%s %s", inside[0], inside[1]).contains("yes");
            }
            for (String outside : new String[] {"/apis", "/other", "/missing"}) {
                assertThat(router.handleAsync(request("GET", outside)).toCompletableFuture().get().header("X-Api")).as(outside).isEmpty();
            }
        }
        assertThatThrownBy(() -> Router.builder().middleware("/api/", mark)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("\"/api/\"");
    }

    @Test
    void mixedRoutesRunSyncOnesOnTheBlockingExecutorAndHoldNoThreadForAsyncOnes() throws Exception {
        CompletableFuture<Response> later = new CompletableFuture<>();
        Router mixed = Router.builder()
                .get("/sync", request -> Response.ok(Thread.currentThread().getName()))
                .get("/async", RingHandler.async(request -> later))
                .build();
        assertThat(mixed.isAsync()).isTrue();
        ExecutorService blocking = Executors.newSingleThreadExecutor(r -> new Thread(r, "blocking-pool"));
        try {
            Request sync = Request.builder().method("GET").path("/sync").context(RequestContext.of(blocking)).build();
            Response answered = mixed.handleAsync(sync).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(bodyOf(answered)).isEqualTo("blocking-pool");
            // The async route's stage comes back at once, still pending: no thread waits on it.
            var pending = mixed.handleAsync(Request.builder().method("GET").path("/async")
                    .context(RequestContext.of(blocking)).build()).toCompletableFuture();
            assertThat(pending).isNotDone();
            later.complete(Response.ok("done"));
            assertThat(bodyOf(pending.get(10, TimeUnit.SECONDS))).isEqualTo("done");
        } finally {
            blocking.shutdownNow();
        }
        assertThat(Router.builder().get("/a", says("a")).build().isAsync()).isFalse();
    }

    @Test
    void routesTheWholeGitHubTable() throws Exception {
        List<String[]> table = RouteTables.load("github-api-routes.tsv");
        Router.Builder builder = Router.builder();
        for (String[] row : table) {
            String template = row[1];
            builder.route(row[0], template, request -> Response.ok(template));
        }
        Router github = builder.build();
        assertThat(github.routes()).hasSize(203);
        for (String[] row : table) {
            String path = row[1].replaceAll("\\{[^}]+}", "v1");
            Request request = request(row[0], path);
            Response response = github.handle(request);
            assertThat(bodyOf(response)).as(row[0] + " " + path).isEqualTo(row[1]);
        }
    }

    static String bodyOf(Response response) throws Exception {
        return new String(BodyBytes.of(response), StandardCharsets.UTF_8);
    }
}
