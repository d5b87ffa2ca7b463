package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.testing.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** A thousand clients leave in the middle of a streamed body: every subscription ends, nothing leaks. */
class VanishingClientsTest {
    private static final int CLIENTS = 1000;

    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger subscribed = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();

    /** An endless stream of 16 KiB chunks that counts its live subscriptions. */
    private final Flow.Publisher<byte[]> endless = subscriber -> {
        live.incrementAndGet();
        subscribed.incrementAndGet();
        AtomicInteger wip = new AtomicInteger();
        AtomicInteger demand = new AtomicInteger();
        subscriber.onSubscribe(new Flow.Subscription() {
            private volatile boolean done;

            @Override
            public void request(long n) {
                demand.addAndGet((int) Math.min(n, 1_000));
                if (wip.getAndIncrement() != 0) {
                    return;
                }
                do {
                    while (!done && demand.get() > 0) {
                        demand.decrementAndGet();
                        subscriber.onNext(new byte[16 * 1024]);
                    }
                } while (wip.decrementAndGet() != 0);
            }

            @Override
            public void cancel() {
                if (!done) {
                    done = true;
                    cancelled.incrementAndGet();
                    live.decrementAndGet();
                }
            }
        });
    };

    @Test
    void everySubscriptionIsCancelledAndNothingLeaks() throws Exception {
        AtomicReference<Server> jetty = new AtomicReference<>();
        RingHandler handler = RingHandler.async(request -> CompletableFuture.completedFuture(Response.stream(endless)));
        ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0).minThreads(16).maxThreads(16)
                .jettyCustomizer(jetty::set).build();
        try (JetServer server = JetServer.run(handler, options)) {
            IntSupplier connections = () -> jetty.get().getConnectors()[0].getConnectedEndPoints().size();
            int threadsBefore = serverThreads();
            ExecutorService clients = Executors.newFixedThreadPool(50);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    runs.add(clients.submit(() -> {
                        try (RawHttp raw = RawHttp.connect(server.uri())) {
                            raw.send("GET /endless HTTP/1.1\r\nHost: x\r\n\r\n");
                            assertThat(raw.readHead()).contains("chunked");
                            assertThat(raw.readBytes(40_000)).hasSize(40_000);
                        }
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(60, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
                assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }

            awaitZero("live subscriptions", live::get);
            awaitZero("open connections", connections);
            assertThat(subscribed).hasValue(CLIENTS);
            assertThat(cancelled).hasValue(CLIENTS);
            // The server's own threads (named "jetring"): other tests' clients may come and go in this JVM.
            assertThat(serverThreads()).as("server threads after the run").isLessThanOrEqualTo(threadsBefore);
        }
    }

    private static int serverThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("jetring")).count();
    }

    private static void awaitZero(String what, IntSupplier count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count.getAsInt() != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": still " + count.getAsInt() + " after 30 s");
            }
            Thread.sleep(20);
        }
    }
}
