package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Request;
import io.jetring.api.RequestContext;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The session middleware in process: the cookie over TLS, and a blocking store around an async handler. */
class SessionsTest {

    @Test
    void theCookieIsSecureOverTls() throws Exception {
        RingHandler app = ((RingHandler) request -> {
            Sessions.get(request).put("user", "ada");
            return Response.ok("ok");
        }).wrap(Sessions.middleware());
        assertThat(app.handle(Request.builder().scheme("https").build()).header("Set-Cookie").orElseThrow())
                .endsWith("; Path=/; Secure; HttpOnly; SameSite=Lax");
        assertThat(app.handle(Request.builder().build()).header("Set-Cookie").orElseThrow())
                .doesNotContain("Secure");
    }

    @Test
    void aBlockingStoreRunsOnTheBlockingExecutorAroundAnAsyncHandler() throws Exception {
        AtomicReference<String> readOn = new AtomicReference<>();
        AtomicReference<String> writtenOn = new AtomicReference<>();
        MemorySessionStore memory = MemorySessionStore.create();
        SessionStore blocking = new SessionStore() {
            @Override
            public Optional<Map<String, String>> read(String key) {
                readOn.set(Thread.currentThread().getName());
                return memory.read(key);
            }

            @Override
            public String write(Optional<String> key, Map<String, String> data) {
                writtenOn.set(Thread.currentThread().getName());
                return memory.write(key, data);
            }

            @Override
            public void delete(String key) {
                memory.delete(key);
            }

            @Override
            public boolean blocking() {
                return true;
            }
        };
        RingHandler app = RingHandler.async(request -> {
            Sessions.get(request).put("n", "1");
            return CompletableFuture.completedFuture(Response.ok("ok"));
        }).wrap(Sessions.middleware(blocking));
        assertThat(app.isAsync()).isTrue();
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "blocking-pool"));
        try {
            String key = memory.write(Optional.empty(), Map.of("n", "0"));
            Request request = Request.builder().header("Cookie", "session=" + key).context(RequestContext.of(pool)).build();
            Response response = app.handleAsync(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(response.status()).isEqualTo(200);
            assertThat(readOn.get()).isEqualTo("blocking-pool");
            assertThat(writtenOn.get()).isEqualTo("blocking-pool");
            assertThat(memory.read(key)).hasValue(Map.of("n", "1"));
        } finally {
            pool.shutdownNow();
        }
    }
}
