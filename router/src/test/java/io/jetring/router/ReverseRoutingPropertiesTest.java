package io.jetring.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Request;
import io.jetring.api.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotEmpty;

/** The URL built for a route routes back to that route, with the same parameter values. */
class ReverseRoutingPropertiesTest {
    private final Router router = Router.builder()
            .route(Route.of("GET", "/users/{id}", ReverseRoutingPropertiesTest::echo).named("user"))
            .route(Route.of("GET", "/users/{id}/posts/{post}", ReverseRoutingPropertiesTest::echo).named("post"))
            .route(Route.of("GET", "/files/{*path}", ReverseRoutingPropertiesTest::echo).named("file"))
            .build();

    private static Response echo(Request request) {
        return Response.ok(request.context().routeName().orElseThrow() + "|" + Router.pathParams(request));
    }

    @Property(tries = 500)
    void oneParameter(@ForAll @NotEmpty String id) throws Exception {
        assertThat(route(router.url("user", "id", id))).isEqualTo("user|" + Map.of("id", id));
    }

    @Property(tries = 500)
    void twoParameters(@ForAll @NotEmpty String id, @ForAll @NotEmpty String post) throws Exception {
        assertThat(route(router.url("post", "id", id, "post", post)))
                .isEqualTo("post|{id=" + id + ", post=" + post + "}");
    }

    @Property(tries = 500)
    void rest(@ForAll String path) throws Exception {
        assertThat(route(router.url("file", "path", path))).isEqualTo("file|" + Map.of("path", path));
    }

    private String route(String url) throws Exception {
        Response response = router.handle(Request.builder().method("GET").path(url).build());
        assertThat(response.status()).as(url).isEqualTo(200);
        return new String(BodyBytes.of(response), StandardCharsets.UTF_8);
    }
}
