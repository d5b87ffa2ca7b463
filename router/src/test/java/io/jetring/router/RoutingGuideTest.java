package io.jetring.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The examples of {@code docs/routing.md}, compiled and run. */
class RoutingGuideTest {
    record Note(String id, String title) {
    }

    static CompletableFuture<Note> loadNote(String id) {
        return CompletableFuture.completedFuture(new Note(id, "title " + id));
    }

    @Test
    void quickStart() throws Exception {
        // guide: quick start
        Router app = Router.builder()
                .get("/", request -> Response.ok("home"))
                .get("/notes/{id}", request -> Response.ok("note " + Router.pathParam(request, "id")))
                .post("/notes", request -> Response.text(201, "created"))
                .build();
        // JetServer.run(app, ServerOptions.builder().port(8080).build());
        // end
        assertThat(RouterTest.bodyOf(app.handle(Request.builder().method("GET").path("/notes/7").build()))).isEqualTo("note 7");
        assertThat(app.handle(Request.builder().method("PUT").path("/notes/7").build()).status()).isEqualTo(405);
    }

    @Test
    void groupsAndMixedForms() throws Exception {
        // guide: groups
        Middleware requireUser = Middleware.around((request, next) -> request.header("Authorization").isPresent()
                ? next.apply(request)                                          // keeps the route's form
                : Middleware.completed(Response.text(401, "Unauthorized")));
        Router app = Router.builder()
                .get("/health", request -> Response.ok("ok"))
                .group("/api", requireUser, api -> api
                        .get("/notes/{id}", RingHandler.async(request ->            // async: never blocks
                                loadNote(Router.pathParam(request, "id"))
                                        .thenApply(note -> Response.ok(note.title()))))
                        .route(Route.of("DELETE", "/notes/{id}", request -> {       // sync: may block (JDBC)
                            return Response.status(204);
                        }).named("note")))
                .build();
        String location = app.url("note", "id", "42");                              // "/api/notes/42"
        // end
        assertThat(location).isEqualTo("/api/notes/42");
        assertThat(app.isAsync()).isTrue();
        Request get = Request.builder().method("GET").path("/api/notes/3").build().withHeader("Authorization", "x");
        assertThat(RouterTest.bodyOf(app.handleAsync(get).toCompletableFuture().get())).isEqualTo("title 3");
        assertThat(app.handleAsync(Request.builder().method("GET").path("/api/notes/3").build())
                .toCompletableFuture().get().status()).isEqualTo(401);
        assertThat(app.routes()).extracting(Route::template).containsExactly("/health", "/api/notes/{id}", "/api/notes/{id}");
    }
}
