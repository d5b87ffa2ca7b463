package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Middleware;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.json.Json;
import io.jetring.servlet.testing.RunningServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The presets as route groups: the site preset on {@code /app}, the api preset on {@code /api}. */
abstract class DefaultsSuite extends ServerSuite {
    record Order(String item, int quantity) {
    }

    @Override
    RingHandler app(boolean async) {
        Middleware site = Defaults.site();
        Middleware api = Defaults.api();
        return new Routes(async)
                .add("/app/form", site, request -> Response.ok(Csrf.token(request)))
                .add("/app/submit", site, request -> Response.ok("hello " + Params.form(request).require("name")
                        + " cookies=" + Cookies.all(request).keySet()))
                .addHandler("/api/orders", api, async
                        // An async handler reads the body without blocking.
                        ? RingHandler.async(request -> Json.readAsync(request, Order.class)
                                .thenApply(order -> created(request, order)))
                        : request -> created(request, Json.read(request, Order.class)))
                .handler();
    }

    private static Response created(io.jetring.api.Request request, Order order) {
        return Json.response(201, new Order(order.item(), order.quantity() * Params.query(request).getInt("times", 1)));
    }

    @Test
    void theSitePresetGivesSessionsFormsAndCsrf() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> page = Client.get(server.uri("/app/form"));
            String cookie = SessionsSuite.sessionCookie(page, "session").orElseThrow();
            HttpResponse<String> ok = Client.post(server.uri("/app/submit"), "name=Ada&_csrf=" + page.body(),
                    "Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie);
            assertThat(ok.body()).isEqualTo("hello Ada cookies=[session]");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as("security headers by default").hasValue("nosniff");
            assertThat(Client.post(server.uri("/app/submit"), "name=Ada", "Content-Type",
                    "application/x-www-form-urlencoded", "Cookie", cookie).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void theApiPresetGivesParametersAndJson() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> created = Client.post(server.uri("/api/orders?times=3"), "{\"item\":\"tea\",\"quantity\":2}",
                    "Content-Type", "application/json");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.body()).isEqualTo("{\"item\":\"tea\",\"quantity\":6}");
            assertThat(Client.post(server.uri("/api/orders?times=x"), "{}", "Content-Type", "application/json").body())
                    .contains("times: \"x\" (expected: an integer");
            assertThat(Client.post(server.uri("/api/orders"), "{}", "Content-Type", "application/json",
                    "Accept", "text/html").statusCode()).isEqualTo(406);
            assertThat(Client.post(server.uri("/api/orders"), "{}", "Content-Type", "text/plain").statusCode())
                    .isEqualTo(415);
        }
    }
}
