package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Middleware;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.middleware.Compression;
import io.jetring.middleware.Cors;
import io.jetring.middleware.CorsOptions;
import io.jetring.middleware.ServerSentEvent;
import io.jetring.middleware.ServerSentEvents;
import io.jetring.middleware.SseOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CORS, compression and Server-Sent Events in headless Chromium, driven by playwright-core: a page
 * on an allowed origin calls an API on another origin (simple, preflighted and credentialed
 * requests), a page on a refused origin cannot read it, and an {@code EventSource} receives events
 * through gzip and reconnects with {@code Last-Event-ID}. {@code .ci/setup-chromium.sh} installs
 * Chromium and playwright-core first.
 */
class BrowserMiddlewareTest {
    private final BlockingQueue<String> eventRequests = new LinkedBlockingQueue<>();

    @BeforeAll
    static void installChromium() throws Exception {
        NodeProcess.setUp("setup-chromium.sh");
    }

    private RingHandler api(String allowedOrigin) {
        RingHandler app = request -> switch (request.method() + " " + request.path()) {
            case "GET /hello" -> Response.ok("hello").withHeader("X-Request-Id", "42");
            case "PUT /items/7" -> Response.ok("stored " + new String(request.body().readAllBytes()) + " with "
                    + request.header("X-Token").orElse("no token"));
            case "DELETE /items/7" -> Response.ok("deleted");
            case "POST /login" -> Response.ok("in").addHeader("Set-Cookie", "session=s3cr3t; Path=/; HttpOnly; SameSite=Lax");
            case "GET /whoami", "GET /public/whoami" -> Response.ok(request.header("Cookie").orElse("no cookie"));
            case "GET /events" -> events(request);
            default -> Response.notFound();
        };
        CorsOptions cors = CorsOptions.allowing(allowedOrigin).withAllowedMethods("GET", "POST", "PUT")
                .withAllowedHeaders("Content-Type", "X-Token").withExposedHeaders("X-Request-Id");
        RingHandler credentialed = app.wrap(Cors.of(cors.withAllowCredentials(true)));
        RingHandler plain = app.wrap(Cors.of(cors));
        RingHandler routed = request -> (request.path().startsWith("/public/") ? plain : credentialed).handle(request);
        Middleware recordEncoding = Middleware.mapResponse((request, response) -> {
            if (request.path().equals("/events")) {
                eventRequests.add("Last-Event-ID=" + ServerSentEvents.lastEventId(request).orElse("none")
                        + " Content-Encoding=" + response.header("Content-Encoding").orElse("none"));
            }
            return response;
        });
        return routed.wrap(Compression.gzip()).wrap(recordEncoding);
    }

    /** Two events then the end on a first connection; on a reconnection, what follows the last id. */
    private static Response events(io.jetring.api.Request request) {
        Flow.Publisher<ServerSentEvent> events = ServerSentEvents.lastEventId(request)
                .map(last -> publisher(ServerSentEvent.of("resumed after " + last).withId("3")))
                .orElseGet(() -> publisher(ServerSentEvent.of("first").withId("1"), ServerSentEvent.of("second").withId("2")));
        return ServerSentEvents.response(events, SseOptions.defaults().withRetry(Duration.ofMillis(200)));
    }

    private static Flow.Publisher<ServerSentEvent> publisher(ServerSentEvent... events) {
        List<ServerSentEvent> list = List.of(events);
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private int next;
            private boolean done;

            @Override
            public synchronized void request(long n) {
                for (long i = 0; i < n && !done; i++) {
                    if (next < list.size()) {
                        subscriber.onNext(list.get(next++));
                    }
                    if (next == list.size()) {
                        done = true;
                        subscriber.onComplete();
                    }
                }
            }

            @Override
            public synchronized void cancel() {
                done = true;
            }
        });
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aBrowserCallsAnotherOriginAndReceivesEventsThroughGzip() throws Exception {
        RingHandler page = request -> Response.ok("<!doctype html><title>page</title><p>a page on its own origin</p>")
                .withContentType("text/html;charset=utf-8");
        ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0).stopTimeout(Duration.ofSeconds(2)).build();
        try (JetServer pages = JetServer.run(page, options)) {
            // The page's origin is http://127.0.0.1:<port>; the same server as http://localhost:<port> is another one.
            String allowedOrigin = "http://127.0.0.1:" + pages.port();
            try (JetServer api = JetServer.run(api(allowedOrigin), options);
                 NodeProcess browser = NodeProcess.start("browser-middleware.mjs", allowedOrigin + "/",
                         "http://localhost:" + pages.port() + "/", "http://127.0.0.1:" + api.port() + "/")) {
                assertThat(browser.nextLine(90)).isEqualTo("{\"event\":\"page\",\"title\":\"page\"}");
                assertThat(browser.nextLine(60)).isEqualTo(scenario("simple get", "200 hello id=42"));
                assertThat(browser.nextLine(30)).isEqualTo(scenario("preflighted put",
                        "200 stored {\\\"n\\\":7} with secret"));
                assertThat(browser.nextLine(30)).isEqualTo(scenario("refused method", "refused: TypeError"));
                assertThat(browser.nextLine(30)).isEqualTo(scenario("credentials", "session=s3cr3t / no cookie"));
                assertThat(browser.nextLine(30)).isEqualTo(scenario("credentials not allowed", "refused: TypeError"));
                assertThat(browser.nextLine(60)).isEqualTo(scenario("event source", "1:first, 2:second, 3:resumed after 2"));
                assertThat(browser.nextLine(30)).isEqualTo(scenario("refused origin", "refused: TypeError"));
                assertThat(browser.nextLine(30)).isEqualTo("{\"event\":\"done\"}");
                assertThat(browser.awaitExit()).isZero();
            }
        }
        assertThat(eventRequests.poll(10, TimeUnit.SECONDS)).isEqualTo("Last-Event-ID=none Content-Encoding=gzip");
        assertThat(eventRequests.poll(10, TimeUnit.SECONDS)).isEqualTo("Last-Event-ID=2 Content-Encoding=gzip");
    }

    private static String scenario(String name, String result) {
        return "{\"scenario\":\"" + name + "\",\"result\":\"" + result + "\"}";
    }
}
