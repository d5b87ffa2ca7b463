package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Middleware;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.RunningServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sessions over the wire, with the memory store and the cookie store, in both handler forms. */
abstract class SessionsSuite extends ServerSuite {
    /** One key for both servers: two instances that share sessions with no shared state. */
    private static final byte[] KEY = CookieSessionStore.generateKey();
    private final MemorySessionStore memory = MemorySessionStore.create();

    @Override
    RingHandler app(boolean async) {
        Routes routes = new Routes(async);
        for (String store : List.of("m", "c")) {
            Middleware sessions = Sessions.middleware(Sessions.Options.defaults()
                    .withStore(store.equals("m") ? memory : CookieSessionStore.of(List.of(KEY)))
                    .withCookieName(store + "sid"));
            routes.add("/" + store + "/visit", sessions, request -> {
                Session session = Sessions.get(request);
                int visits = Integer.parseInt(session.get("visits", "0")) + 1;
                session.put("visits", String.valueOf(visits));
                return Response.ok("visit " + visits + " user=" + session.get("user", "none"));
            });
            routes.add("/" + store + "/peek", sessions, request -> Response.ok("user="
                    + Sessions.get(request).get("user", "none") + " new=" + Sessions.get(request).isNew()));
            routes.add("/" + store + "/login", sessions, request -> {
                Session session = Sessions.get(request);
                session.put("user", "ada");
                session.regenerate();
                return Response.ok("welcome");
            });
            routes.add("/" + store + "/logout", sessions, request -> {
                Sessions.get(request).invalidate();
                return Response.ok("bye");
            });
            routes.add("/" + store + "/save", sessions, request -> {
                Sessions.get(request).putFlash("message", "saved");
                return Response.redirect("/" + store + "/show", 303);
            });
            routes.add("/" + store + "/show", sessions, request ->
                    Response.ok("message=" + Sessions.get(request).flash("message").orElse("none")));
        }
        return routes.handler();
    }

    @Test
    void aVisitorWhoStoresNothingGetsNoCookie() throws Exception {
        for (RunningServer server : both()) {
            for (String store : List.of("m", "c")) {
                HttpResponse<String> response = Client.get(server.uri("/" + store + "/peek"));
                assertThat(response.body()).isEqualTo("user=none new=true");
                assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
            }
        }
    }

    @Test
    void aSessionLastsAndAnUnchangedOneCostsNoWrite() throws Exception {
        for (RunningServer server : both()) {
            HttpResponse<String> first = Client.get(server.uri("/m/visit"));
            assertThat(first.body()).isEqualTo("visit 1 user=none");
            String cookie = sessionCookie(first, "msid").orElseThrow();
            assertThat(first.headers().firstValue("Set-Cookie").orElseThrow())
                    .matches("msid=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax");
            HttpResponse<String> second = Client.get(server.uri("/m/visit"), "Cookie", cookie);
            assertThat(second.body()).isEqualTo("visit 2 user=none");
            assertThat(second.headers().allValues("Set-Cookie")).as("same id, nothing to send").isEmpty();
            HttpResponse<String> peek = Client.get(server.uri("/m/peek"), "Cookie", cookie);
            assertThat(peek.body()).isEqualTo("user=none new=false");
            assertThat(peek.headers().allValues("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void theCookieStoreSharesSessionsBetweenInstances() throws Exception {
        HttpResponse<String> first = Client.get(sync.uri("/c/visit"));
        String cookie = sessionCookie(first, "csid").orElseThrow();
        HttpResponse<String> second = Client.get(async.uri("/c/visit"), "Cookie", cookie);
        assertThat(second.body()).isEqualTo("visit 2 user=none");
        String next = sessionCookie(second, "csid").orElseThrow();
        HttpResponse<String> peek = Client.get(sync.uri("/c/peek"), "Cookie", next);
        assertThat(peek.body()).isEqualTo("user=none new=false");
        assertThat(peek.headers().allValues("Set-Cookie")).as("not changed: not sealed again").isEmpty();
    }

    @Test
    void aForgedTamperedOrOversizedCookieIsANewSession() throws Exception {
        for (RunningServer server : both()) {
            String cookie = sessionCookie(Client.get(server.uri("/c/visit")), "csid").orElseThrow();
            String value = cookie.substring("csid=".length());
            // A character in the middle: the last one may carry only unused padding bits.
            int middle = value.length() / 2;
            String flipped = value.substring(0, middle) + (value.charAt(middle) == 'A' ? 'B' : 'A')
                    + value.substring(middle + 1);
            for (String hostile : List.of("csid=" + flipped, "csid=" + value.substring(0, value.length() / 2),
                    "csid=" + "A".repeat(7000), "csid=made-up")) {
                HttpResponse<String> response = Client.get(server.uri("/c/visit"), "Cookie", hostile);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).as(hostile).isEqualTo("visit 1 user=none");
            }
        }
    }

    @Test
    void loginRegeneratesTheIdSoAPlantedOneIsWorthless() throws Exception {
        for (RunningServer server : both()) {
            // A client cannot choose its id: a made-up one is replaced.
            HttpResponse<String> planted = Client.get(server.uri("/m/visit"), "Cookie", "msid=attacker-chosen-id");
            String attackerKnows = sessionCookie(planted, "msid").orElseThrow();
            assertThat(attackerKnows).isNotEqualTo("msid=attacker-chosen-id");
            // An id the attacker obtained from the server and planted in the victim's browser.
            HttpResponse<String> login = Client.get(server.uri("/m/login"), "Cookie", attackerKnows);
            String victims = sessionCookie(login, "msid").orElseThrow();
            assertThat(victims).isNotEqualTo(attackerKnows);
            assertThat(Client.get(server.uri("/m/peek"), "Cookie", victims).body()).isEqualTo("user=ada new=false");
            assertThat(Client.get(server.uri("/m/peek"), "Cookie", attackerKnows).body()).isEqualTo("user=none new=true");
            assertThat(Client.get(server.uri("/m/visit"), "Cookie", victims).body()).as("values kept")
                    .isEqualTo("visit 2 user=ada");
        }
    }

    @Test
    void logoutForgetsTheSessionAndExpiresTheCookie() throws Exception {
        for (RunningServer server : both()) {
            String cookie = sessionCookie(Client.get(server.uri("/m/login")), "msid").orElseThrow();
            HttpResponse<String> logout = Client.get(server.uri("/m/logout"), "Cookie", cookie);
            assertThat(logout.headers().allValues("Set-Cookie"))
                    .containsExactly("msid=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; SameSite=Lax");
            assertThat(Client.get(server.uri("/m/peek"), "Cookie", cookie).body()).isEqualTo("user=none new=true");
        }
    }

    @Test
    void aFlashLastsOneRequest() throws Exception {
        for (RunningServer server : both()) {
            for (String store : List.of("m", "c")) {
                HttpResponse<String> save = Client.get(server.uri("/" + store + "/save"));
                assertThat(save.statusCode()).isEqualTo(303);
                String cookie = sessionCookie(save, store + "sid").orElseThrow();
                HttpResponse<String> show = Client.get(server.uri("/" + store + "/show"), "Cookie", cookie);
                assertThat(show.body()).isEqualTo("message=saved");
                assertThat(show.headers().firstValue("Set-Cookie")).as("the session is empty now: expired")
                        .hasValueSatisfying(v -> assertThat(v).startsWith(store + "sid=; Max-Age=0"));
                assertThat(Client.get(server.uri("/" + store + "/show"), "Cookie", cookie).body())
                        .as(store).isEqualTo(store.equals("m") ? "message=none" : "message=saved");
            }
        }
    }

    /** The {@code name=value} of the response's cookie {@code name}. */
    static Optional<String> sessionCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith(name + "="))
                .map(v -> v.substring(0, v.indexOf(';') < 0 ? v.length() : v.indexOf(';'))).findFirst();
    }
}
