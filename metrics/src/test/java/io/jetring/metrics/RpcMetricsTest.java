package io.jetring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.rpc.RpcConnection;
import io.jetring.rpc.RpcHandler;
import io.jetring.rpc.RpcRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class RpcMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RpcMetrics metrics = RpcMetrics.of(registry);

    private static RpcRequest request() {
        RpcConnection unused = (RpcConnection) Proxy.newProxyInstance(RpcConnection.class.getClassLoader(),
                new Class<?>[] {RpcConnection.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        return new RpcRequest(unused, OptionalLong.of(1), new byte[] {1}, new CompletableFuture<>());
    }

    @Test
    void aCallIsActiveUntilItsStageCompletesThenTimed() throws Exception {
        CompletableFuture<Optional<byte[]>> reply = new CompletableFuture<>();
        RpcHandler measured = metrics.measure(request -> reply);
        CompletionStage<Optional<byte[]>> stage = measured.handle(request());
        assertThat(registry.get("rpc.server.calls.active").gauge().value()).isEqualTo(1);
        assertThat(registry.get("rpc.server.calls").tag("outcome", "SUCCESS").timer().count()).isZero();
        reply.complete(Optional.of(new byte[] {2}));
        assertThat(stage.toCompletableFuture().get()).isPresent();
        assertThat(registry.get("rpc.server.calls.active").gauge().value()).isZero();
        assertThat(registry.get("rpc.server.calls").tag("outcome", "SUCCESS").timer().count()).isEqualTo(1);
    }

    @Test
    void failuresAndThrowsCountAsErrors() throws Exception {
        metrics.measure(request -> CompletableFuture.failedFuture(new IllegalStateException("no"))).handle(request());
        RpcHandler throwing = metrics.measure(request -> {
            throw new IllegalArgumentException("bad");
        });
        assertThatThrownBy(() -> throwing.handle(request())).hasMessage("bad");
        assertThat(registry.get("rpc.server.calls").tag("outcome", "ERROR").timer().count()).isEqualTo(2);
        assertThat(metrics.active()).isZero();
    }

    @Test
    void aCancelledCallThatNeverAnswersEndsAsAnError() throws Exception {
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        RpcRequest request = new RpcRequest(request().connection(), OptionalLong.of(2), new byte[] {1}, cancelled);
        metrics.measure(r -> new CompletableFuture<>()).handle(request);
        assertThat(metrics.active()).isEqualTo(1);

        cancelled.complete(null);

        assertThat(metrics.active()).as("no longer in flight once the answer is not wanted").isZero();
        assertThat(registry.get("rpc.server.calls").tag("outcome", "ERROR").timer().count()).isEqualTo(1);
    }

    @Test
    void aMeasuredHandlerKeepsItsForm() {
        assertThat(metrics.measure(RpcHandler.blocking(request -> Optional.empty())).isBlocking()).isTrue();
        assertThat(metrics.measure(RpcHandler.echo()).isBlocking()).isFalse();
    }
}
