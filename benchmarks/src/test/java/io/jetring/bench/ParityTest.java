package io.jetring.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each jetring server answers the same bytes as the bare Jetty server it is measured against. */
class ParityTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "jetring-sync, bare-core-pool",
        "jetring-sync, bare-servlet",
        "jetring-async, bare-core-io",
        "jetring-stream, bare-stream"})
    void sameStatusHeadersAndBody(String jetring, String bare) throws Exception {
        assertThat(exchange(jetring)).isEqualTo(exchange(bare));
    }

    /** The whole response to one request, with the Date header's value blanked. */
    private static String exchange(String name) throws Exception {
        try (Servers.Running server = Servers.start(name, 0); Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(out);
            String text = out.toString(StandardCharsets.ISO_8859_1);
            assertThat(text).as(name).startsWith("HTTP/1.1 200 OK\r\n");
            return text.replaceFirst("\r\nDate: [^\r]*\r\n", "\r\nDate: *\r\n");
        }
    }
}
