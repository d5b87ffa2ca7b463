package io.jetring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.jetty.JetServer;
import io.jetring.router.Router;
import io.jetring.rpc.RpcHandler;
import io.jetring.servlet.RingServlet;
import io.jetring.servlet.testing.RunningServer;
import io.jetring.servlet.testing.TomcatTestServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

/** The examples of {@code docs/observability.md}: on the page word for word, compiled, and run. */
class ObservabilityGuideTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Path PAGE = Path.of("..", "docs", "observability.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "io", "jetring", "metrics", "ObservabilityGuide.java");

    private static final RingHandler USERS = Router.builder()
            .get("/users/{id}", request -> Response.ok("user " + Router.pathParam(request, "id")))
            .build();

    private static String trimmedLines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyJavaBlockOfThePageIsInTheGuideSource() throws Exception {
        String page = Files.readString(PAGE);
        String source = trimmedLines(Files.readString(SOURCE));
        Matcher blocks = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(page);
        List<String> missing = new ArrayList<>();
        int count = 0;
        while (blocks.find()) {
            count++;
            String block = trimmedLines(blocks.group(1));
            if (!source.contains(block)) {
                missing.add(block);
            }
        }
        assertThat(count).as("Java blocks on the page").isGreaterThanOrEqualTo(5);
        assertThat(missing).as("blocks of docs/observability.md not in ObservabilityGuide.java").isEmpty();
    }

    @Test
    void theRequestLogExamplesServe() throws Exception {
        try (JetServer server = ObservabilityGuide.requestLog(USERS, 0)) {
            assertThat(get(server.uri(), "/users/1").statusCode()).isEqualTo(200);
        }
        try (JetServer server = JetServer.run(request -> {
            throw new IllegalStateException("fails on purpose");
        }, ObservabilityGuide.slowAndFailed(0).withPort(0))) {
            assertThat(get(server.uri(), "/fails").statusCode()).isEqualTo(500);
        }
    }

    @Test
    void theProductionServerScrapesByRouteAndTurnsReadinessAtStop() throws Exception {
        JetServer server = ObservabilityGuide.production(0);
        try {
            assertThat(get(server.uri(), "/users/7").statusCode()).isEqualTo(200);
            assertThat(get(server.uri(), "/users/8").statusCode()).isEqualTo(200);
            assertThat(get(server.uri(), "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(server.uri(), "/health/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> scrape = get(server.uri(), "/metrics");
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(scrape.body())
                    .contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",route=\"/users/{id}\",status=\"2xx\"} 2")
                    .contains("http_server_requests_active")
                    .contains("http_server_connections_open")
                    .doesNotContain("/users/7");

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::stop);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!server.isStopping() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(get(server.uri(), "/health/ready").statusCode()).as("readiness in the quiet period").isEqualTo(503);
            assertThat(get(server.uri(), "/users/9").statusCode()).as("served in the quiet period").isEqualTo(200);
            assertThat(stopped).isNotDone();
            stopped.get(30, TimeUnit.SECONDS);
        } finally {
            server.stop();
        }
    }

    @Test
    void rpcAndServletExamplesMeasure() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ObservabilityGuide.rpc(registry, RpcHandler.echo());
        assertThat(registry.get("rpc.server.calls.active").gauge().value()).isZero();

        RingServlet servlet = ObservabilityGuide.servlet(USERS, registry);
        try (RunningServer tomcat = TomcatTestServer.start("", context -> {
            Wrapper ring = Tomcat.addServlet(context, "ring", servlet);
            ring.setAsyncSupported(true);
            context.addServletMapping("/*", "ring");
        })) {
            for (String id : new String[] {"1", "2", "3"}) {
                assertThat(get(tomcat.baseUri(), "/users/" + id).statusCode()).isEqualTo(200);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (registry.find("http.server.requests").tag("route", "/users/{id}").timer() == null
                    || registry.get("http.server.requests").tag("route", "/users/{id}").timer().count() < 3) {
                assertThat(System.nanoTime()).as("three requests timed under Tomcat").isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(registry.find("http.server.requests").timers()).hasSize(1);
            assertThat(registry.get("http.server.requests.active").gauge().value()).isZero();
        }
        assertThat(registry.find("http.server.requests.active").gauge()).as("gone with the servlet").isNull();
    }

    @Test
    void theDrainRouteTurnsReadinessBeforeTheContainerStops() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RingServlet servlet = ObservabilityGuide.drainable(JetringMetrics.of(registry));
        try (RunningServer tomcat = TomcatTestServer.start("", context -> {
            Wrapper ring = Tomcat.addServlet(context, "ring", servlet);
            ring.setAsyncSupported(true);
            context.addServletMapping("/*", "ring");
        })) {
            assertThat(get(tomcat.baseUri(), "/health/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> drain = CLIENT.send(HttpRequest.newBuilder(tomcat.baseUri().resolve("/admin/drain"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(drain.body()).isEqualTo("draining\n");
            HttpResponse<String> ready = get(tomcat.baseUri(), "/health/ready");
            assertThat(ready.statusCode()).as("readiness after the drain").isEqualTo(503);
            assertThat(ready.body()).isEqualTo("stopping\n");
            assertThat(servlet.isStopping()).isTrue();
        }
    }
}
