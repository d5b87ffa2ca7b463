package io.jetring.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.ServletOptions;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class InitParamsTest {
    private static final ClassLoader LOADER = InitParamsTest.class.getClassLoader();

    @Test
    void sizesInBytesAndBinaryUnits() {
        assertThat(InitParams.parseSize("n", "65536")).isEqualTo(DataSize.ofBytes(65536));
        assertThat(InitParams.parseSize("n", "100 bytes")).isEqualTo(DataSize.ofBytes(100));
        assertThat(InitParams.parseSize("n", "64 KiB")).isEqualTo(DataSize.ofKibibytes(64));
        assertThat(InitParams.parseSize("n", "10MiB")).isEqualTo(DataSize.ofMebibytes(10));
        assertThat(InitParams.parseSize("n", " 1 gib ")).isEqualTo(DataSize.ofMebibytes(1024));
        assertThatThrownBy(() -> InitParams.parseSize("jetring.maxBodySize", "ten"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("jetring.maxBodySize: \"ten\" (expected: a size such as 65536, 64 KiB or 10 MiB)");
        assertThatThrownBy(() -> InitParams.parseSize("n", "10 MB")).isInstanceOf(InvalidOptionException.class);
    }

    @Test
    void durationsInShortFormOrIso() {
        assertThat(InitParams.parseDuration("n", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(InitParams.parseDuration("n", "500 ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(InitParams.parseDuration("n", "2min")).isEqualTo(Duration.ofMinutes(2));
        assertThat(InitParams.parseDuration("n", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(InitParams.parseDuration("n", "PT1.5S")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> InitParams.parseDuration("jetring.asyncTimeout", "PTx"))
                .hasMessage("jetring.asyncTimeout: \"PTx\" (expected: a duration such as 30s, 500ms, 2min or PT30S)");
        assertThatThrownBy(() -> InitParams.parseDuration("n", "30")).isInstanceOf(InvalidOptionException.class);
    }

    @Test
    void parametersOverrideTheGivenOptions() {
        ServletOptions base = ServletOptions.defaults().withAsyncTimeout(Duration.ofSeconds(5));
        assertThat(InitParams.options(base, Map.<String, String>of()::get)).isEqualTo(base);
        assertThat(InitParams.options(base, Map.of(InitParams.MAX_BODY_SIZE, "1 KiB")::get))
                .isEqualTo(new ServletOptions(DataSize.ofKibibytes(1), Duration.ofSeconds(5)));
        assertThatThrownBy(() -> InitParams.options(base, Map.of(InitParams.ASYNC_TIMEOUT, "0s")::get))
                .hasMessage("asyncTimeout: PT0S (expected: a positive duration)");
    }

    @Test
    void theHandlerClassIsAHandlerOrASupplierOfOne() {
        assertThat(InitParams.handler(Hello.class.getName(), LOADER)).isInstanceOf(Hello.class);
        assertThat(InitParams.handler(HelloSupplier.class.getName(), LOADER).isAsync()).isTrue();
        String expected = "(expected: a class with a public no-argument constructor that implements RingHandler"
                + " or Supplier<RingHandler>";
        assertThatThrownBy(() -> InitParams.handler(null, LOADER))
                .hasMessage("jetring.handler: not set " + expected + ")");
        assertThatThrownBy(() -> InitParams.handler(String.class.getName(), LOADER))
                .hasMessage("jetring.handler: java.lang.String " + expected + ")");
        assertThatThrownBy(() -> InitParams.handler("com.example.Missing", LOADER))
                .hasMessageStartingWith("jetring.handler: com.example.Missing " + expected + "; java.lang.ClassNotFoundException")
                .hasCauseInstanceOf(ClassNotFoundException.class);
    }

    /** A handler class, as {@code jetring.handler} may name one. */
    public static final class Hello implements RingHandler {
        @Override
        public Response handle(io.jetring.api.Request request) {
            return Response.ok("hello");
        }
    }

    /** A supplier of an async handler, as {@code jetring.handler} may name one. */
    public static final class HelloSupplier implements Supplier<RingHandler> {
        @Override
        public RingHandler get() {
            return RingHandler.async(request -> java.util.concurrent.CompletableFuture.completedFuture(Response.ok("hi")));
        }
    }
}
