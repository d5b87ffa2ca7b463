package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Middleware;
import io.jetring.examples.DemoApp;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.jetty.testing.Nginx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two demo instances behind nginx (installed by {@code .ci/setup-nginx.sh}, run on a free loopback
 * port): requests and WebSocket upgrades pass through, and stopping one instance gracefully under
 * load loses no request.
 */
class BehindNginxTest {
    @TempDir
    Path dir;
    private final List<JetServer> instances = new ArrayList<>();
    /** How many times an instance's handler saw each request id: a request cut and retried shows as 2. */
    private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    private Nginx nginx;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() throws Exception {
        for (String name : new String[] {"a", "b"}) {
            Middleware countIds = Middleware.mapRequest(request -> {
                request.queryParam("id").ifPresent(id -> handled.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
                return request;
            });
            instances.add(JetServer.run(DemoApp.handler().wrap(
                    Middleware.mapResponse((request, response) -> response.withHeader("X-Instance", name))).wrap(countIds),
                    ServerOptions.builder().host("127.0.0.1").port(0).stopTimeout(Duration.ofSeconds(30)).build()));
        }
        nginx = Nginx.start(dir, """
                upstream demo {
                    server 127.0.0.1:%d max_fails=0;
                    server 127.0.0.1:%d max_fails=0;
                    keepalive 16;
                }
                map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
                """.formatted(instances.get(0).port(), instances.get(1).port()), """
                client_max_body_size 16m;
                location / {
                    proxy_pass http://demo;
                    proxy_http_version 1.1;
                    proxy_set_header Host $host;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_next_upstream error timeout http_503;
                    proxy_next_upstream_tries 4;
                    proxy_read_timeout 30s;
                }
                """);
    }

    @AfterEach
    void stop() {
        if (nginx != null) {
            nginx.close();
        }
        instances.forEach(JetServer::close);
    }

    private URI proxied(String path) {
        return URI.create("http://127.0.0.1:" + nginx.port() + path);
    }

    @Test
    void requestsReachBothInstancesThroughTheProxy() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(proxied("/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("Hello, World!");
            seen.add(response.headers().firstValue("X-Instance").orElse("?"));
        }
        assertThat(seen).containsExactlyInAnyOrder("a", "b");

        byte[] big = new byte[3_000_000];
        new java.util.Random(5).nextBytes(big);
        HttpResponse<byte[]> echo = client.send(HttpRequest.newBuilder(proxied("/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(java.util.Arrays.equals(echo.body(), big)).as("3 MB echoed unchanged through nginx").isTrue();
    }

    @Test
    void webSocketUpgradesPassThrough() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket ws = client.newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + nginx.port() + "/ws/echo"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("through nginx", true);
        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("through nginx");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    @Test
    void stoppingOneInstanceUnderLoadLosesNoRequest() throws Exception {
        int workers = 8;
        int perWorker = 150;
        AtomicInteger done = new AtomicInteger();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> runs = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            runs.add(pool.submit(() -> {
                for (int i = 0; i < perWorker; i++) {
                    String outcome;
                    try {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                        proxied("/async?ms=20&id=" + worker + "-" + i))
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                        outcome = response.statusCode() + " " + response.body();
                    } catch (Exception e) {
                        outcome = e.toString();
                    }
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (done.get() < workers * perWorker / 3) {
            assertThat(System.nanoTime()).as("load started").isLessThan(deadline);
            Thread.sleep(10);
        }
        instances.get(0).stop();
        int doneAtStop = done.get();
        for (Future<?> run : runs) {
            run.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(doneAtStop).as("requests still to come after the stop").isLessThan(workers * perWorker);
        assertThat(outcomes).as("every outcome").containsOnlyKeys("200 waited 20 ms");
        assertThat(outcomes.get("200 waited 20 ms")).hasValue(workers * perWorker);
        // nginx retries a request whose upstream connection broke: with a graceful stop none was cut.
        assertThat(handled).hasSize(workers * perWorker);
        assertThat(handled.entrySet()).as("requests handled more than once")
                .filteredOn(e -> e.getValue().get() != 1).isEmpty();
    }
}
