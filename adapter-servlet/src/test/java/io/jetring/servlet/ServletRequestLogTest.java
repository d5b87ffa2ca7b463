package io.jetring.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Body;
import io.jetring.api.Publishers;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.api.observe.RequestLogEntry;
import io.jetring.servlet.testing.RunningServer;
import io.jetring.servlet.testing.TomcatTestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

/** The servlet bridge logs every exchange that reaches it, sync, async and streamed, with the route a router recorded. */
class ServletRequestLogTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static final RingHandler APP = request -> {
        if (request.path().startsWith("/users/")) {
            request.context().route("/users/{id}", Optional.empty());
            return Response.ok("user " + request.path().substring(7));
        }
        if (request.path().equals("/broken")) {
            return Response.ok(Body.of(Publishers.fromIterator(() -> new java.util.Iterator<byte[]>() {
                private boolean sent;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public byte[] next() {
                    if (sent) {
                        throw new IllegalStateException("the stream broke");
                    }
                    sent = true;
                    return new byte[8192];
                }
            })));
        }
        if (request.path().equals("/stream")) {
            return Response.ok(Body.of(Publishers.of("a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8))));
        }
        return Response.notFound();
    };

    @Test
    void everyExchangeThatReachesTheServletIsLogged() throws Exception {
        BlockingQueue<RequestLogEntry> entries = new LinkedBlockingQueue<>();
        RingServlet servlet = new RingServlet(APP, ServletOptions.defaults().withRequestLog(entries::add));
        try (RunningServer tomcat = TomcatTestServer.start("", context -> {
            Wrapper ring = Tomcat.addServlet(context, "ring", servlet);
            ring.setAsyncSupported(true);
            context.addServletMapping("/*", "ring");
        })) {
            HttpResponse<String> user = CLIENT.send(HttpRequest.newBuilder(tomcat.baseUri().resolve("/users/7?x=1"))
                    .header("User-Agent", "probe/1.0").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(user.statusCode()).isEqualTo(200);
            RequestLogEntry entry = entries.poll(10, TimeUnit.SECONDS);
            assertThat(entry).isNotNull();
            assertThat(entry.kind()).isEqualTo(RequestLogEntry.Kind.RESPONSE);
            assertThat(entry.target()).isEqualTo("/users/7?x=1");
            assertThat(entry.status()).isEqualTo(200);
            assertThat(entry.bytesSent()).isEqualTo(6);
            assertThat(entry.route()).contains("/users/{id}");
            assertThat(entry.userAgent()).contains("probe/1.0");

            assertThat(CLIENT.send(HttpRequest.newBuilder(tomcat.baseUri().resolve("/stream")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ab");
            RequestLogEntry streamed = entries.poll(10, TimeUnit.SECONDS);
            assertThat(streamed).as("the entry of a streamed (async) exchange").isNotNull();
            assertThat(streamed.target()).isEqualTo("/stream");
            assertThat(streamed.status()).isEqualTo(200);
            assertThat(streamed.combined()).contains("\"GET /stream HTTP/1.1\" 200 - ");

            assertThat(CLIENT.send(HttpRequest.newBuilder(tomcat.baseUri().resolve("/nothing")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            RequestLogEntry missing = entries.poll(10, TimeUnit.SECONDS);
            assertThat(missing).isNotNull();
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.route()).isEmpty();

            try {
                CLIENT.send(HttpRequest.newBuilder(tomcat.baseUri().resolve("/broken")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.io.IOException truncated) {
                // the body was cut off, as it should be
            }
            RequestLogEntry broken = entries.poll(10, TimeUnit.SECONDS);
            assertThat(broken).as("the entry of a response cut off midway").isNotNull();
            assertThat(broken.kind()).isEqualTo(RequestLogEntry.Kind.ABORTED);
            assertThat(broken.status()).isEqualTo(200);
        }
    }
}
