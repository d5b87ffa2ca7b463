package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Middleware;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** CSRF tokens tied to the session, sent in a form field, a multipart field or a header. */
abstract class CsrfSuite extends ServerSuite {
    private static final String FORM = "application/x-www-form-urlencoded";

    @Override
    RingHandler app(boolean async) {
        Middleware site = Sessions.middleware().andThen(Params.middleware()).andThen(Multipart.middleware())
                .andThen(Csrf.middleware());
        return new Routes(async)
                .add("/form", site, request -> Response.ok(Csrf.token(request)))
                .add("/submit", site, request -> Response.ok("done " + request.method()))
                .handler();
    }

    @Test
    void aFormWithTheSessionsTokenPasses() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> page = Client.get(server.uri("/form"));
            String token = page.body();
            String cookie = SessionsSuite.sessionCookie(page, "session").orElseThrow();
            assertThat(Client.get(server.uri("/form"), "Cookie", cookie).body()).as("one token per session").isEqualTo(token);

            assertThat(Client.post(server.uri("/submit"), "_csrf=" + token, "Content-Type", FORM, "Cookie", cookie).body())
                    .isEqualTo("done POST");
            assertThat(Client.send("DELETE", server.uri("/submit"), new byte[0], "X-CSRF-Token", token, "Cookie", cookie)
                    .body()).isEqualTo("done DELETE");
            byte[] multipart = MultipartSuite.body(MultipartSuite.field("_csrf", token));
            assertThat(Client.send("POST", server.uri("/submit"), multipart, "Content-Type", MultipartSuite.TYPE,
                    "Cookie", cookie).body()).isEqualTo("done POST");
            assertThat(Client.get(server.uri("/submit")).body()).as("safe methods pass").isEqualTo("done GET");
        }
    }

    @Test
    void anythingElseIs403() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> page = Client.get(server.uri("/form"));
            String token = page.body();
            String cookie = SessionsSuite.sessionCookie(page, "session").orElseThrow();
            HttpResponse<String> other = Client.get(server.uri("/form"));
            String otherCookie = SessionsSuite.sessionCookie(other, "session").orElseThrow();

            assertForbidden(Client.post(server.uri("/submit"), "x=1", "Content-Type", FORM, "Cookie", cookie),
                    "403 Forbidden: no CSRF token (expected: the form field _csrf or the header X-CSRF-Token)");
            assertForbidden(Client.post(server.uri("/submit"), "_csrf=" + token + "x", "Content-Type", FORM,
                    "Cookie", cookie), "403 Forbidden: the CSRF token does not match the session's");
            assertForbidden(Client.post(server.uri("/submit"), "_csrf=" + token, "Content-Type", FORM,
                    "Cookie", otherCookie), "does not match");
            assertForbidden(Client.post(server.uri("/submit"), "_csrf=" + token, "Content-Type", FORM), "does not match");
            assertForbidden(Client.send("PUT", server.uri("/submit"), "_csrf=".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", FORM, "Cookie", cookie), "does not match");
        }
    }

    static void assertForbidden(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains(message);
    }
}
