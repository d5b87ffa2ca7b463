package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.DataSize;
import io.jetring.api.Middleware;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Query and form parameters with typed accessors, in both handler forms. */
abstract class ParamsSuite extends ServerSuite {
    private static final String FORM = "application/x-www-form-urlencoded";

    enum Sort { NAME, DATE }

    @Override
    RingHandler app(boolean async) {
        Middleware params = Params.middleware(Params.Options.defaults().withFormLimit(DataSize.ofKibibytes(1)));
        return new Routes(async)
                .add("/typed", params, request -> {
                    Parameters p = Params.query(request);
                    return Response.ok("limit=" + p.getInt("limit", 20) + " big=" + p.getLong("big", 0)
                            + " flag=" + p.getBoolean("flag", false) + " id=" + p.getUuid("id").orElse(null)
                            + " sort=" + p.getEnum("sort", Sort.NAME) + " tags=" + p.all("tag"));
                })
                .add("/require", params, request -> Response.ok("n=" + Params.get(request).requireInt("n")))
                .add("/form", params, request -> Response.ok("name=" + Params.form(request).require("name")
                        + " merged=" + Params.get(request).all("x") + " body="
                        + new String(request.body().readAllBytes(), StandardCharsets.UTF_8)))
                .handler();
    }

    @Test
    void typedQueryParameters() throws Exception {
        for (RunningServer server : both()) {
            assertThat(Client.get(server.uri("/typed")).body())
                    .isEqualTo("limit=20 big=0 flag=false id=null sort=NAME tags=[]");
            assertThat(Client.get(server.uri("/typed?limit=5&big=9000000000&flag=on&sort=date"
                    + "&id=123e4567-e89b-12d3-a456-426614174000&tag=a&tag=b%20c&limit=")).body())
                    .isEqualTo("limit=5 big=9000000000 flag=true id=123e4567-e89b-12d3-a456-426614174000 sort=DATE"
                            + " tags=[a, b c]");
        }
    }

    @Test
    void aBadValueIs400NamingTheParameterAndValue() throws Exception {
        for (RunningServer server : both()) {
            assertBadRequest(Client.get(server.uri("/typed?limit=ten")), "limit: \"ten\" (expected: an integer");
            assertBadRequest(Client.get(server.uri("/typed?flag=maybe")), "flag: \"maybe\" (expected: true or false)");
            assertBadRequest(Client.get(server.uri("/typed?id=1-2-3-4-5")), "id: \"1-2-3-4-5\" (expected: a UUID");
            assertBadRequest(Client.get(server.uri("/typed?sort=size")), "sort: \"size\" (expected: one of name, date)");
            assertBadRequest(Client.get(server.uri("/require")), "n: missing (expected: an integer");
        }
    }

    @Test
    void aMalformedQuerySaysQuery() throws Exception {
        for (RunningServer server : both()) {
            assertThat(Client.raw(server, "GET /typed?limit=%zz HTTP/1.1", "")).startsWith("HTTP/1.1 400")
                    .contains("query: \"%zz\" (expected: valid percent-encoding");
            assertBadRequest(Client.get(server.uri("/typed?x=%C3%28")), "query: \"%C3%28\" (expected: percent-encoded UTF-8)");
        }
    }

    @Test
    void formParametersMergeAfterTheQuery() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> response = Client.post(server.uri("/form?x=1"), "name=J%C3%BCrgen+M&x=2",
                    "Content-Type", FORM);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("name=Jürgen M merged=[1, 2] body=name=J%C3%BCrgen+M&x=2");
            assertBadRequest(Client.post(server.uri("/require"), "n=x", "Content-Type", FORM + "; charset=UTF-8"),
                    "n: \"x\" (expected: an integer");
            assertThat(Client.post(server.uri("/require"), "n=7", "Content-Type", "text/plain").statusCode())
                    .as("a body that is not a form is not parsed").isEqualTo(400);
        }
    }

    @Test
    void aMalformedFormSaysForm() throws Exception {
        for (RunningServer server : both()) {
            assertBadRequest(Client.post(server.uri("/form"), "name=%4", "Content-Type", FORM),
                    "form: \"%4\" (expected: valid percent-encoding");
            assertBadRequest(Client.post(server.uri("/form"), "name=a", "Content-Type", FORM + ";charset=nonesuch"),
                    "form: charset \"nonesuch\"");
        }
    }

    @Test
    void aFormOverTheLimitIs413() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> response = Client.post(server.uri("/form"), "name=" + "a".repeat(2000),
                    "Content-Type", FORM);
            assertThat(response.statusCode()).isEqualTo(413);
        }
    }

    static void assertBadRequest(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(message);
    }
}
