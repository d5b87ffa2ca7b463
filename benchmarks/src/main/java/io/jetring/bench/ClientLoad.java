package io.jetring.bench;

import io.jetring.client.As;
import io.jetring.client.ClientOptions;
import io.jetring.client.JetClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP client load: {@code concurrency} requests in flight (a closed loop: each response sends the
 * next request) against one URL, from jetring's client, Jetty's HttpClient or the JDK's. Prints
 * requests/s of the measured period.
 * <pre>java -jar jetring-benchmarks.jar client-load jetring|jetty|jdk URI CONCURRENCY WARMUP_S SECONDS</pre>
 */
public final class ClientLoad {
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    private ClientLoad() {
    }

    /** Runs the load and prints one result line. */
    public static void main(String[] args) throws Exception {
        new ClientLoad().run(args[0], URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]));
    }

    interface Caller extends AutoCloseable {
        CompletableFuture<?> call();
    }

    private void run(String kind, URI uri, int concurrency, int warmup, int seconds) throws Exception {
        try (Caller caller = caller(kind, uri, concurrency)) {
            CountDownLatch stopped = new CountDownLatch(concurrency);
            for (int i = 0; i < concurrency; i++) {
                loop(caller, stopped);
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
            long before = completed.get();
            long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            long count = completed.get() - before;
            long elapsed = System.nanoTime() - start;
            running = false;
            stopped.await(30, TimeUnit.SECONDS);
            System.out.printf("requests/s %.0f failed %d%n", count * 1e9 / elapsed, failed.get());
        }
    }

    private void loop(Caller caller, CountDownLatch stopped) {
        if (!running) {
            stopped.countDown();
            return;
        }
        caller.call().whenComplete((ok, failure) -> {
            if (failure == null) {
                completed.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            loop(caller, stopped);
        });
    }

    private static Caller caller(String kind, URI uri, int concurrency) throws Exception {
        switch (kind) {
            case "jetring" -> {
                JetClient client = JetClient.create(ClientOptions.builder().maxConnectionsPerDestination(concurrency)
                        .build());
                return new Caller() {
                    @Override
                    public CompletableFuture<?> call() {
                        return client.get(uri.toString(), As.bytes()).toCompletableFuture();
                    }

                    @Override
                    public void close() {
                        client.close();
                    }
                };
            }
            case "jetty" -> {
                org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient();
                client.setMaxConnectionsPerDestination(concurrency);
                client.start();
                return new Caller() {
                    @Override
                    public CompletableFuture<?> call() {
                        return new org.eclipse.jetty.client.CompletableResponseListener(client.newRequest(uri),
                                1 << 20).send();
                    }

                    @Override
                    public void close() throws Exception {
                        client.stop();
                    }
                };
            }
            case "jdk" -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(uri).build();
                return new Caller() {
                    @Override
                    public CompletableFuture<?> call() {
                        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
                    }

                    @Override
                    public void close() {
                    }
                };
            }
            default -> throw new IllegalArgumentException("client: " + kind + " (expected: jetring, jetty or jdk)");
        }
    }
}
