package io.jetring.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/** 10,000 concurrent requests over 16 connections: every one answered with its own payload. */
@Tag("heavy")
class ScaleTest {
    private static final int CONNECTIONS = 16;
    private static final int REQUESTS = 10_000;

    @ParameterizedTest
    @EnumSource(Form.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void tenThousandConcurrentRequestsOverSixteenConnections(Form form) throws Exception {
        // Half the replies come from an asynchronous step, so that answers overtake each other.
        RpcHandler handler = Pipeline.payloads()
                .mapAsync(payload -> (payload[payload.length - 1] & 1) == 0
                        ? CompletableFuture.completedFuture(payload)
                        : CompletableFuture.supplyAsync(() -> payload))
                .reply(Codec.bytes());
        try (RpcFixture fixture = RpcFixture.start(form.of(handler))) {
            List<RpcConnection> connections = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                connections.add(fixture.connect());
            }
            long start = System.nanoTime();
            List<CompletableFuture<Void>> checks = new ArrayList<>(REQUESTS);
            for (int i = 0; i < REQUESTS; i++) {
                RpcConnection connection = connections.get(i % CONNECTIONS);
                byte[] payload = payload(i);
                checks.add(connection.request(payload, Duration.ofSeconds(60)).toCompletableFuture().thenAccept(reply -> {
                    if (!java.util.Arrays.equals(reply, payload)) {
                        throw new AssertionError("request " + ByteBuffer.wrap(payload).getInt() + " got another reply");
                    }
                }));
            }
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("%,d requests over %d connections answered in %d ms%n", REQUESTS, CONNECTIONS, millis);

            for (RpcConnection connection : connections) {
                assertThat(connection.pendingCalls()).isZero();
            }
            Eventually.until("every server-side request finished", () -> fixture.rpc.connections().stream()
                    .allMatch(c -> c.activeRequests() == 0));
            // Nothing per call is left on the timers: at most the one armed sweep of each connection.
            Eventually.until("no timer left behind", () -> fixture.rpc.timer().scheduled() <= CONNECTIONS
                    && connections.stream().allMatch(c -> ((RpcEndpoint) c).timer().scheduled() <= 1));
        }
    }

    /** A payload that names its request: the index, then bytes derived from it, 24..279 bytes long. */
    private static byte[] payload(int i) {
        int length = 24 + (i * 31 & 0xFF);
        ByteBuffer buffer = ByteBuffer.allocate(length).putInt(i);
        while (buffer.hasRemaining()) {
            buffer.put((byte) (i * 7 + buffer.position()));
        }
        return buffer.array();
    }

}
