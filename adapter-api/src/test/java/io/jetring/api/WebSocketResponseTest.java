package io.jetring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketUpgrade;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The upgrade-as-response contract (SPEC sections 2, 5 and 11.2) and the request context. */
class WebSocketResponseTest {
    private final WebSocketListener listener = new WebSocketListener() { };

    @Test
    void aWebSocketResponseIs101WithAnUpgradeBody() {
        Response response = Response.websocket(listener, "chat").addHeader("Set-Cookie", "a=1");

        assertThat(response.status()).isEqualTo(101);
        assertThat(response.isWebSocket()).isTrue();
        assertThat(response.body()).isEqualTo(new Body.Upgrade(listener, Optional.of("chat")));
        assertThat(response.headers().all("Set-Cookie")).containsExactly("a=1");
    }

    @Test
    void status101AndAnUpgradeBodyGoTogether() {
        assertThatThrownBy(() -> Response.status(101))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("status: 101 (expected: 101 only with a WebSocket body: Response.websocket(listener))");
        assertThatThrownBy(() -> Response.websocket(listener).withStatus(200))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("status: 200 (expected: 101 with a WebSocket body");
        assertThatThrownBy(() -> Response.websocket(listener, " "))
                .hasMessage("subprotocol: \" \" (expected: a protocol name the client offered)");
    }

    @Test
    void theHandlersDecisionBecomesTheSameResponse() {
        assertThat(WebSocketUpgrade.accept(listener).toResponse()).isEqualTo(Response.websocket(listener));
        assertThat(WebSocketUpgrade.accept(listener, "v2").toResponse()).isEqualTo(Response.websocket(listener, "v2"));
        assertThat(WebSocketUpgrade.reject(Response.notFound()).toResponse()).isEqualTo(Response.notFound());
    }

    @Test
    void anUpgradeRequestIsAGetWhoseUpgradeHeaderNamesWebsocket() {
        assertThat(get("Upgrade", "websocket").isWebSocketUpgrade()).isTrue();
        assertThat(get("Upgrade", "h2c, WebSocket").isWebSocketUpgrade()).isTrue();
        assertThat(get("Upgrade", "h2c").isWebSocketUpgrade()).isFalse();
        assertThat(get("Connection", "upgrade").isWebSocketUpgrade()).isFalse();
        assertThat(Request.builder().method("POST").header("Upgrade", "websocket").build().isWebSocketUpgrade())
                .isFalse();
    }

    @Test
    void derivedRequestsShareTheContextAndEqualityIgnoresIt() {
        RequestBody body = RequestBody.empty();
        Request request = Request.builder().body(body).build();
        Request derived = request.withAttribute("user", "ann").withPath("/b");

        derived.context().route("/users/{id}", Optional.of("user"));

        assertThat(request.context()).isSameAs(derived.context());
        assertThat(request.context().routeTemplate()).contains("/users/{id}");
        assertThat(request.context().routeName()).contains("user");
        Request other = Request.builder().body(body).build();
        assertThat(other).isEqualTo(request).hasSameHashCodeAs(request);
        assertThat(other.context()).isNotSameAs(request.context());
        assertThat(Request.builder().build().context()).isNotSameAs(request.context());
        assertThat(Request.builder().build().context().routeTemplate()).isEmpty();
    }

    @Test
    void aDetachedContextRunsBlockingWorkOffTheCallingThread() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<Thread> thread = new AtomicReference<>();

        RequestContext.detached().blockingExecutor().execute(() -> {
            thread.set(Thread.currentThread());
            ran.countDown();
        });

        assertThat(ran.await(10, TimeUnit.SECONDS)).as("the task ran within 10 s").isTrue();
        assertThat(thread.get()).isNotSameAs(Thread.currentThread());
        assertThat(thread.get().isDaemon()).isTrue();
    }

    private static Request get(String name, String value) {
        return Request.builder().header(name, value).build();
    }
}
