package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.RunningServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Cookies read from requests and set on responses, over the wire. */
abstract class CookiesSuite extends ServerSuite {

    @Override
    RingHandler app(boolean async) {
        return new Routes(async)
                .add("/cookies", Cookies.middleware(), request -> {
                    Response response = Response.ok("theme=" + Cookies.get(request, "theme").orElse("none")
                            + " all=" + Cookies.all(request));
                    response = Cookies.set(response, SetCookie.builder("theme", "dark").path("/").httpOnly(true).build());
                    return Cookies.set(response, SetCookie.expire("old"));
                })
                .handler();
    }

    @Test
    void readsCookiesAndSetsEachInItsOwnField() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> response = Client.get(server.uri("/cookies"), "Cookie", "theme=light; junk; x=\"1\"");
            assertThat(response.body()).isEqualTo("theme=light all={theme=light, x=1}");
            assertThat(response.headers().allValues("Set-Cookie")).containsExactly("theme=dark; Path=/; HttpOnly",
                    "old=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        }
    }

    @Test
    void malformedCookiesAreSkippedNotFatal() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> response = Client.get(server.uri("/cookies"), "Cookie", "=; ;;\"; a=b c; theme=\"x");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("theme=none all={}");
        }
    }

    @Test
    void aCookieHeaderOverTheHeaderLimitIs431() throws Exception {
        for (RunningServer server : both()) {
            String answer = Client.raw(server, "GET /cookies HTTP/1.1\r\nCookie: big=" + "x".repeat(20_000), "");
            assertThat(answer).as(answer).matches("(?s)HTTP/1.1 (431|400).*");
        }
    }
}
