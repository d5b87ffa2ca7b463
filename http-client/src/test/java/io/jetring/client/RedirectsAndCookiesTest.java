package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Body;
import io.jetring.api.Publishers;
import io.jetring.api.Response;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redirects (methods, bodies, limits, credentials) and the cookie round trip, against JetServers. */
class RedirectsAndCookiesTest {
    private static JetServer server;
    private static JetServer other;
    private static JetClient client;
    private static String base;
    private static String otherBase;

    @BeforeAll
    static void start() {
        other = JetServer.run(new Routes().on("/echo", Echo.HANDLER), options());
        otherBase = "http://127.0.0.1:" + other.port();
        Routes routes = new Routes()
                .on("/echo", Echo.HANDLER)
                .on("/hops", request -> {
                    int left = Integer.parseInt(request.queryParam("left").orElse("0"));
                    return left == 0 ? Response.ok("arrived") : Response.redirect("/hops?left=" + (left - 1));
                })
                .on("/loop", request -> Response.redirect("/loop"))
                .on("/see-other", request -> Response.redirect("/echo", 303))
                .on("/temporary", request -> Response.redirect("/echo", 307))
                .on("/to-other", request -> Response.redirect(otherBase + "/echo", 302))
                .on("/no-location", request -> Response.status(302))
                .on("/login", request -> Response.redirect("/echo", 303).addHeader("Set-Cookie", "session=s3cr3t; Path=/"))
                .on("/set", request -> Response.ok("set")
                        .addHeader("Set-Cookie", "a=1; Path=/")
                        .addHeader("Set-Cookie", "b=2; Path=/; HttpOnly"));
        server = JetServer.run(routes, options());
        base = "http://127.0.0.1:" + server.port();
        client = JetClient.create();
    }

    private static ServerOptions options() {
        return ServerOptions.builder().host("127.0.0.1").port(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        other.close();
    }

    @Test
    void redirectsAreFollowedToTheEnd() {
        ClientResponse<String> response = Await.result(client.get(base + "/hops?left=5", As.string()));
        assertThat(response.body()).isEqualTo("arrived");
        assertThat(response.uri()).hasToString(base + "/hops?left=0");
    }

    @Test
    void aLoopFailsAfterTheLimit() {
        TooManyRedirectsException failure = Await.failure(client.get(base + "/loop", As.string()),
                TooManyRedirectsException.class);
        assertThat(failure.maxRedirects()).isEqualTo(10);
        assertThat(failure).hasMessage("GET " + base + "/loop: more than 10 redirects (maxRedirects); the last one to /loop");
    }

    @Test
    void theLimitIsAnOption() {
        try (JetClient strict = JetClient.create(ClientOptions.builder().maxRedirects(2).build())) {
            Await.failure(strict.get(base + "/hops?left=3", As.string()), TooManyRedirectsException.class);
            assertThat(Await.result(strict.get(base + "/hops?left=2", As.string())).body()).isEqualTo("arrived");
        }
    }

    @Test
    void seeOtherTurnsAPostIntoAGetWithoutBody() {
        Echo echo = Await.result(client.post(base + "/see-other", Body.of("payload"), As.json(Echo.class))).body();
        assertThat(echo.method()).isEqualTo("GET");
        assertThat(echo.body()).isEmpty();
        assertThat(echo.header("Content-Type")).isEmpty();
    }

    @Test
    void aTemporaryRedirectResendsTheMethodAndBody() {
        Echo echo = Await.result(client.post(base + "/temporary", Body.of("payload"), As.json(Echo.class))).body();
        assertThat(echo.method()).isEqualTo("POST");
        assertThat(echo.body()).isEqualTo("payload");
    }

    @Test
    void aBodyThatCannotBeSentTwiceStopsAtTheRedirect() {
        Body once = Body.of(Publishers.of("payload".getBytes(StandardCharsets.UTF_8)));
        ClientResponse<byte[]> response = Await.result(client.post(base + "/temporary", once, As.bytes()));
        assertThat(response.status()).isEqualTo(307);
        assertThat(response.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/echo"));
    }

    @Test
    void withoutFollowingTheRedirectIsTheResponse() {
        try (JetClient manual = JetClient.create(ClientOptions.builder().followRedirects(false).build())) {
            ClientResponse<byte[]> response = Await.result(manual.get(base + "/hops?left=1", As.bytes()));
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.header("Location")).contains("/hops?left=0");
        }
    }

    @Test
    void aRedirectWithoutLocationFails() {
        ClientException failure = Await.failure(client.get(base + "/no-location", As.bytes()), ClientException.class);
        assertThat(failure).hasMessage("GET " + base + "/no-location: could not follow the redirect: "
                + "a 302 without a Location header");
    }

    @Test
    void credentialsFollowRedirectsOnTheSameOriginOnly() {
        Echo same = Await.result(client.post(base + "/see-other", r -> r.basicAuth("ada", "pw").as(As.json(Echo.class)))).body();
        assertThat(same.header("Authorization")).hasSize(1);

        ClientResponse<Echo> away = Await.result(client.get(base + "/to-other", r -> r
                .basicAuth("ada", "pw").header("X-Kept", "yes").as(As.json(Echo.class))));
        assertThat(away.uri()).hasToString(otherBase + "/echo");
        assertThat(away.body().header("Authorization")).isEmpty();
        assertThat(away.body().header("X-Kept")).containsExactly("yes");
    }

    @Test
    void cookiesMakeTheRoundTrip() {
        try (JetClient fresh = JetClient.create()) {
            Await.result(fresh.get(base + "/set", As.discarding()));
            Echo echo = Await.result(fresh.get(base + "/echo", As.json(Echo.class))).body();
            assertThat(String.join("; ", echo.header("Cookie"))).contains("a=1").contains("b=2");
        }
    }

    @Test
    void cookiesSetOnARedirectAreSentToItsTarget() {
        try (JetClient fresh = JetClient.create()) {
            Echo echo = Await.result(fresh.get(base + "/login", As.json(Echo.class))).body();
            assertThat(echo.header("Cookie")).containsExactly("session=s3cr3t");
        }
    }

    @Test
    void cookiesAreKeptPerClientAndCanBeTurnedOff() {
        try (JetClient off = JetClient.create(ClientOptions.builder().cookies(false).build());
             JetClient other = JetClient.create()) {
            Await.result(off.get(base + "/set", As.discarding()));
            assertThat(Await.result(off.get(base + "/echo", As.json(Echo.class))).body().header("Cookie")).isEmpty();
            assertThat(Await.result(other.get(base + "/echo", As.json(Echo.class))).body().header("Cookie")).isEmpty();
        }
    }
}
