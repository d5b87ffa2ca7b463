package io.jetring.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Headers;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.testing.JetServerExtension;
import io.jetring.testing.RawHttp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The record a handler sees matches the request on the wire, field by field. */
class RequestRecordTest {
    private static final AtomicReference<Request> seen = new AtomicReference<>();

    @RegisterExtension
    static JetServerExtension server = JetServerExtension.of(request -> {
        seen.set(request);
        return Response.ok("ok");
    });

    @Test
    void everyFieldComesFromTheWire() throws Exception {
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send("GET /a%20b/c?x=1&y=%2F&x=2 HTTP/1.1\r\nHost: example.test:8443\r\n"
                    + "Accept: text/plain\r\nX-Multi: one\r\nx-multi: two\r\nCookie: a=1\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 200 OK\r\n");
        }
        Request request = seen.get();
        int remotePort = request.remotePort();

        assertThat(request).isEqualTo(new Request("GET", "http", "example.test", 8443, "127.0.0.1", remotePort,
                "/a%20b/c", Optional.of("x=1&y=%2F&x=2"), "HTTP/1.1",
                Headers.of("Host", "example.test:8443", "Accept", "text/plain", "X-Multi", "one", "x-multi", "two",
                        "Cookie", "a=1"),
                request.body(), List.of(), Map.of(), request.context()));
        assertThat(remotePort).isPositive().isNotEqualTo(server.server().port());
        assertThat(request.headers().all("X-MULTI")).containsExactly("one", "two");
        assertThat(request.queryParams()).isEqualTo(Map.of("x", List.of("1", "2"), "y", List.of("/")));
    }

    @Test
    void absentQueryIsEmptyAndEmptyQueryIsPresent() throws Exception {
        server.get("/plain");
        assertThat(seen.get().queryString()).isEmpty();
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send("GET /plain? HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readHead()).startsWith("HTTP/1.1 200 ");
        }
        assertThat(seen.get().queryString()).contains("");
    }

    @Test
    void serverNameFallsBackToTheLocalAddressWithoutHost() throws Exception {
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send("GET /old HTTP/1.0\r\n\r\n");
            assertThat(raw.readUntilClose()).matches("(?s)HTTP/1\\.[01] 200 OK\r\n.*ok");
        }
        assertThat(seen.get().protocol()).isEqualTo("HTTP/1.0");
        assertThat(seen.get().serverName()).isEqualTo("127.0.0.1");
        assertThat(seen.get().serverPort()).isEqualTo(server.server().port());
    }
}
