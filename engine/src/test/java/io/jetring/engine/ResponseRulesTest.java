package io.jetring.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.Body;
import io.jetring.api.Publishers;
import io.jetring.api.ws.WebSocketListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseRulesTest {

    /** Records the calls as text. */
    static final class Recorder implements BodySink<String, RuntimeException> {
        final List<String> calls = new ArrayList<>();

        @Override
        public void contentLength(long length) {
            calls.add("length " + length);
        }

        @Override
        public String fixed(byte[] bytes) {
            return "fixed " + new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String file(Body.File file, long size) {
            return "file " + size;
        }

        @Override
        public String stream(InputStream stream) {
            return "stream";
        }

        @Override
        public String publisher(Flow.Publisher<byte[]> publisher) {
            return "publisher";
        }

        @Override
        public String none(Body body, long length) {
            return "none " + length;
        }
    }

    private static List<String> write(Body body, int status, boolean head) throws IOException {
        Recorder sink = new Recorder();
        sink.calls.add(ResponseRules.write(body, status, head, sink));
        return sink.calls;
    }

    @Test
    void bodiesOfKnownLengthCarryIt(@TempDir Path dir) throws IOException {
        assertThat(write(Body.of("héllo"), 200, false)).containsExactly("length 6", "fixed héllo");
        assertThat(write(Body.of(new byte[] {65}), 200, false)).containsExactly("length 1", "fixed A");
        assertThat(write(Body.empty(), 200, false)).containsExactly("length 0", "fixed ");
        Path file = Files.write(dir.resolve("f"), new byte[10]);
        assertThat(write(Body.of(file), 200, false)).containsExactly("length 10", "file 10");
        assertThat(write(Body.of(file, 2, 5), 206, false)).containsExactly("length 5", "file 5");
        assertThat(write(Body.of(new ByteArrayInputStream(new byte[1])), 200, false)).containsExactly("stream");
        assertThat(write(Body.of(Publishers.of(new byte[1])), 200, false)).containsExactly("publisher");
    }

    @Test
    void aHeadGetsTheLengthTheGetWouldAndNoBody() throws IOException {
        assertThat(write(Body.of("héllo"), 200, true)).containsExactly("length 6", "none 6");
        AtomicBoolean closed = new AtomicBoolean();
        InputStream stream = new ByteArrayInputStream(new byte[1]) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        assertThat(write(Body.of(stream), 200, true)).containsExactly("none -1");
        assertThat(closed).as("a stream nobody reads is closed").isTrue();
        assertThat(write(Body.of(Publishers.of(new byte[1])), 200, true)).containsExactly("none -1");
    }

    @Test
    void informationalNoContentAndNotModifiedCarryNeitherBodyNorLength() throws IOException {
        for (int status : new int[] {100, 204, 304}) {
            assertThat(write(Body.of("x"), status, false)).as("%s", status).containsExactly("none -1");
            assertThat(write(Body.of("x"), status, true)).as("HEAD %s", status).containsExactly("none -1");
        }
        assertThat(ResponseRules.isBodyless("GET", 200)).isFalse();
        assertThat(ResponseRules.isBodyless("HEAD", 200)).isTrue();
        assertThat(ResponseRules.carriesLength(304)).isFalse();
        assertThat(ResponseRules.carriesLength(404)).isTrue();
    }

    @Test
    void anUpgradeIsTheEnginesOwn() {
        Body upgrade = new Body.Upgrade(new WebSocketListener() { }, java.util.Optional.empty());
        assertThatThrownBy(() -> write(upgrade, 101, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
