package io.jetring.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Headers;
import io.jetring.api.Request;
import io.jetring.api.RequestContext;
import io.jetring.api.RequestBody;
import io.jetring.api.Response;
import io.jetring.testing.RawHttp;
import io.jetring.servlet.testing.ContainerFixture;
import io.jetring.servlet.testing.RunningServer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One request on the wire, three servers: the record the handler sees is the same under JetServer,
 * RingServlet in Jetty ee10 and RingServlet in Tomcat, field for field, but for the remote port (and
 * the body, which is compared by content).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameRequestRecordTest {
    private static final RequestBody NO_BODY = RequestBody.empty();

    private final Map<String, RunningServer> servers = new LinkedHashMap<>();
    private final BlockingQueue<Seen> seen = new ArrayBlockingQueue<>(1);

    /** A record, and the body the handler read from it. */
    private record Seen(Request request, byte[] body) {
    }

    @BeforeAll
    void start() throws Exception {
        for (ContainerFixture fixture : List.of(ContainerFixture.jetServer(), ContainerFixture.jettyServlet(),
                ContainerFixture.tomcat())) {
            servers.put(fixture.name(), fixture.start(request -> {
                byte[] body = request.body().readAllBytes();
                seen.add(new Seen(request, body));
                return Response.ok("ok");
            }, SuiteHandlers.MAX_BODY, SuiteHandlers.ASYNC_TIMEOUT));
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (RunningServer server : servers.values()) {
            server.close();
        }
    }

    @Test
    void aGetWithQueryAndRepeatedHeadersGivesEqualRecords() throws Exception {
        Map<String, Seen> records = sendToAll("GET /a%20b/c?x=1&y=%2F&x=2 HTTP/1.1\r\nHost: example.test:8443\r\n"
                + "Accept: text/plain\r\nX-Multi: one\r\nx-multi: two\r\nCookie: a=1\r\n\r\n");

        Request reference = records.get("JetServer").request();
        assertThat(comparable(reference)).isEqualTo(new Request("GET", "http", "example.test", 8443, "127.0.0.1", 0,
                "/a%20b/c", Optional.of("x=1&y=%2F&x=2"), "HTTP/1.1",
                Headers.of("Host", "example.test:8443", "Accept", "text/plain", "X-Multi", "one", "x-multi", "two",
                        "Cookie", "a=1"),
                NO_BODY, List.of(), Map.of(), RequestContext.detached()));
        records.forEach((name, record) -> {
            assertThat(comparable(record.request())).as(name).isEqualTo(comparable(reference));
            assertThat(record.request().remotePort()).as(name).isPositive();
            assertThat(record.request().headers().all("X-MULTI")).as(name).containsExactly("one", "two");
            assertThat(record.request().queryParams()).as(name)
                    .isEqualTo(Map.of("x", List.of("1", "2"), "y", List.of("/")));
        });
    }

    @Test
    void aPostWithABodyGivesEqualRecordsAndEqualBytes() throws Exception {
        String body = "name=jetring&lang=java";
        Map<String, Seen> records = sendToAll("POST /form HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);

        Request reference = records.get("JetServer").request();
        assertThat(reference.serverPort()).isEqualTo(80);
        assertThat(reference.body().contentLength()).hasValue(body.length());
        records.forEach((name, record) -> {
            assertThat(comparable(record.request())).as(name).isEqualTo(comparable(reference));
            assertThat(new String(record.body(), StandardCharsets.UTF_8)).as(name).isEqualTo(body);
        });
    }

    @Test
    void anAbsentQueryIsEmptyAndAnEmptyQueryIsPresent() throws Exception {
        sendToAll("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").forEach((name, record) ->
                assertThat(record.request().queryString()).as(name).isEmpty());
        sendToAll("GET /plain? HTTP/1.1\r\nHost: x\r\n\r\n").forEach((name, record) ->
                assertThat(record.request().queryString()).as(name).contains(""));
    }

    @Test
    void withoutHostTheServerIsNamedByItsLocalAddress() throws Exception {
        for (Map.Entry<String, RunningServer> server : servers.entrySet()) {
            Request request = send(server.getValue(), "GET /old HTTP/1.0\r\n\r\n").request();
            assertThat(request.protocol()).as(server.getKey()).isEqualTo("HTTP/1.0");
            assertThat(request.serverName()).as(server.getKey()).isEqualTo("127.0.0.1");
            assertThat(request.serverPort()).as(server.getKey()).isEqualTo(server.getValue().baseUri().getPort());
        }
    }

    private Map<String, Seen> sendToAll(String wire) throws Exception {
        Map<String, Seen> records = new LinkedHashMap<>();
        for (Map.Entry<String, RunningServer> server : servers.entrySet()) {
            records.put(server.getKey(), send(server.getValue(), wire));
        }
        return records;
    }

    private Seen send(RunningServer server, String wire) throws Exception {
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send(wire);
            assertThat(raw.readHead()).startsWith("HTTP/1.");
        }
        Seen record = seen.poll(10, TimeUnit.SECONDS);
        assertThat(record).as("the handler saw the request").isNotNull();
        return record;
    }

    /** The record with the two fields that cannot match set aside. */
    private static Request comparable(Request request) {
        return request.newBuilder().remotePort(0).body(NO_BODY).build();
    }
}
