package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.DataSize;
import io.jetring.examples.DemoApp;
import io.jetring.jetty.ServerOptions;
import io.jetring.testing.JetServerExtension;
import io.jetring.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every case of {@code bad-requests.txt} against the demo handlers over a raw socket: the expected
 * status, the connection closed where the case says so, and the server healthy afterwards.
 */
class BadInputCorpusTest {
    @RegisterExtension
    static JetServerExtension server = JetServerExtension.of(DemoApp.handler(),
            ServerOptions.builder().maxBodySize(DataSize.ofMebibytes(1)).build());

    record Case(String name, int status, boolean close, byte[] request) {
    }

    @TestFactory
    Stream<DynamicTest> everyCaseHasItsOutcomeAndTheServerStaysHealthy() throws IOException {
        return load().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            try (RawHttp raw = RawHttp.connect(server.baseUri())) {
                raw.send(c.request());
                String head = raw.readHead();
                assertThat(head).as(c.name()).startsWith("HTTP/1.1 " + c.status() + " ");
                if (c.close()) {
                    raw.readUntilClose();
                }
            }
            assertThat(server.get("/hello").body()).as("healthy after " + c.name()).isEqualTo("Hello, World!");
        }));
    }

    static List<Case> load() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-requests.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|", 3);
                String[] expected = parts[1].trim().split("\\s+");
                cases.add(new Case(parts[0].trim(), Integer.parseInt(expected[0]),
                        expected.length > 1 && expected[1].equals("close"), unescape(parts[2].trim())));
            }
        }
        assertThat(cases).as("corpus cases").hasSizeGreaterThan(20);
        return cases;
    }

    static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' && s.startsWith("{big:", i)) {
                int end = s.indexOf('}', i);
                out.writeBytes("a".repeat(Integer.parseInt(s.substring(i + 5, end))).getBytes(StandardCharsets.US_ASCII));
                i = end;
            } else if (c == '\\') {
                char e = s.charAt(++i);
                switch (e) {
                    case 'r' -> out.write('\r');
                    case 'n' -> out.write('\n');
                    case 't' -> out.write('\t');
                    case '0' -> out.write(0);
                    case '\\' -> out.write('\\');
                    case 'x' -> {
                        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + s);
                }
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
