package io.jetring.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.jetty.JetServer;
import io.jetring.rpc.RpcServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The demo server's production wiring: health checks, Prometheus metrics by route template. */
class DemoServerTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void servesHealthAndMetricsByRouteTemplate() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RpcServer rpc = DemoApp.rpcServer();
        try (NoteStore store = NoteStore.inMemory();
             JetServer server = JetServer.run(
                     DemoApp.routes(rpc, new NotesApp(store, Map.of())).get("/metrics", DemoServer.metrics(registry)).build(),
                     DemoServer.options(rpc, registry).host("127.0.0.1").port(0).build())) {
            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
            for (String id : new String[] {"1", "2", "3"}) {
                assertThat(get(server, "/api/notes/" + id).statusCode()).as("no session").isEqualTo(401);
            }
            Pattern notes = Pattern.compile("http_server_requests_seconds_count\\{[^}]*route=\"/api/notes/\\{id}\"[^}]*} (\\d+)");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String scrape;
            Matcher count;
            do {
                HttpResponse<String> metrics = get(server, "/metrics");
                assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
                scrape = metrics.body();
                count = notes.matcher(scrape);
            } while (!(count.find() && count.group(1).equals("3")) && System.nanoTime() < deadline && pause());
            assertThat(count.reset().find()).as("a time series for the route template in:%n%s", scrape).isTrue();
            assertThat(count.group(1)).as("the three requests, under their template, not their paths").isEqualTo("3");
            assertThat(scrape).doesNotContain("/api/notes/1");
        }
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }

    private HttpResponse<String> get(JetServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
