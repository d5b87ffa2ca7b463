package io.jetring.client.internal;

import io.jetring.api.RingHandler;
import io.jetring.client.ClientException;
import io.jetring.client.ClientOptions;
import io.jetring.client.ClientRequest;
import io.jetring.client.ClientResponse;
import io.jetring.engine.EngineTimer;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends every call to a {@link RingHandler} in memory. Sync handlers run on this transport's own
 * threads (as a server runs them on workers), async ones on the caller's thread; streams and files
 * are read on those threads too.
 */
public final class InProcessTransport implements Transport {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final RingHandler handler;
    private final ClientOptions options;
    private final ExecutorService executor;
    private final EngineTimer timer;
    private final CookieManager cookies;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A transport to {@code handler}. */
    public InProcessTransport(RingHandler handler, ClientOptions options) {
        this.handler = handler;
        this.options = options;
        String name = "jetring-inprocess-" + POOLS.incrementAndGet();
        this.executor = Executors.newCachedThreadPool(threads(name));
        this.timer = new EngineTimer(name + "-timer");
        this.cookies = options.cookies() ? new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER) : null;
    }

    @Override
    public <T> CompletionStage<ClientResponse<T>> send(ClientRequest<T> request) {
        String call = Urls.call(request.method(), request.uri());
        if (closed.get()) {
            return CompletableFuture.failedFuture(new ClientException(call + ": the client is closed"));
        }
        Optional<String> problem = RequestBodies.problem(request.body());
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new ClientException(call + ": " + problem.get()));
        }
        return new InProcessCall<>(this, request).start();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // Handlers still running may finish; nothing new starts.
            executor.shutdown();
            timer.close();
        }
    }

    RingHandler handler() {
        return handler;
    }

    ClientOptions options() {
        return options;
    }

    ExecutorService executor() {
        return executor;
    }

    EngineTimer timer() {
        return timer;
    }

    CookieManager cookies() {
        return cookies;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return (closed.get() ? "closed" : "open") + ", in process: " + handler;
    }
}
