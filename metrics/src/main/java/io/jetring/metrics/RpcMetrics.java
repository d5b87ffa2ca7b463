package io.jetring.metrics;

import io.jetring.rpc.RpcHandler;
import io.jetring.rpc.RpcRequest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Micrometer metrics for the RPC requests a server (or client) answers: wrap its handler.
 *
 * <pre>{@code
 * RpcServer rpc = RpcServer.of(RpcMetrics.of(registry).measure(handler));
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code rpc.server.calls}</td><td>timer</td><td>{@code outcome}: {@code SUCCESS} or {@code ERROR}
 *       (the handler threw or its stage failed); from the call to the completion of its stage</td></tr>
 *   <tr><td>{@code rpc.server.calls.active}</td><td>gauge</td><td>calls whose stage has not completed</td></tr>
 * </table>
 *
 * <p>Needs {@code jetring-websocket-rpc} on the class path, which the metrics module does not bring.
 */
public final class RpcMetrics {
    private final Timer succeeded;
    private final Timer failed;
    private final AtomicInteger active = new AtomicInteger();

    private RpcMetrics(MeterRegistry registry, Tags common) {
        this.succeeded = timer(registry, common, "SUCCESS");
        this.failed = timer(registry, common, "ERROR");
        Gauge.builder("rpc.server.calls.active", active, AtomicInteger::get)
                .description("RPC calls in flight").tags(common).register(registry);
    }

    private static Timer timer(MeterRegistry registry, Tags common, String outcome) {
        return Timer.builder("rpc.server.calls").description("RPC calls answered")
                .tags(common).tag("outcome", outcome).register(registry);
    }

    /** RPC metrics in {@code registry}. */
    public static RpcMetrics of(MeterRegistry registry) {
        return of(registry, Tags.empty());
    }

    /** RPC metrics in {@code registry}, every meter tagged with {@code commonTags} as well. */
    public static RpcMetrics of(MeterRegistry registry, Iterable<Tag> commonTags) {
        return new RpcMetrics(Objects.requireNonNull(registry, "registry"),
                Tags.of(Objects.requireNonNull(commonTags, "commonTags")));
    }

    /**
     * {@code handler}, measured: each call counts as active until its stage completes, or until the
     * call is cancelled (by the peer, a timeout or the connection's end), then is timed once. The
     * measured handler keeps {@code handler}'s form: a blocking one still runs on the blocking executor.
     */
    public RpcHandler measure(RpcHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return new RpcHandler() {
            @Override
            public CompletionStage<Optional<byte[]>> handle(RpcRequest request) throws Exception {
                long start = System.nanoTime();
                AtomicBoolean ended = new AtomicBoolean();
                active.incrementAndGet();
                request.cancelled().whenComplete((ok, failure) -> end(ended, start, false));
                try {
                    return handler.handle(request).whenComplete((reply, failure) -> end(ended, start, failure == null));
                } catch (Throwable t) {
                    end(ended, start, false);
                    throw t;
                }
            }

            @Override
            public boolean isBlocking() {
                return handler.isBlocking();
            }

            @Override
            public String toString() {
                return "RpcMetrics.measure(" + handler + ")";
            }
        };
    }

    private void end(AtomicBoolean ended, long start, boolean success) {
        if (ended.compareAndSet(false, true)) {
            done(start, success);
        }
    }

    private void done(long start, boolean success) {
        active.decrementAndGet();
        (success ? succeeded : failed).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** RPC calls in flight now. */
    public int active() {
        return active.get();
    }
}
