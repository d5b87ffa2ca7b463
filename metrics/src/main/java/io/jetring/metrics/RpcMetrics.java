package io.jetring.metrics;

import io.jetring.rpc.RpcHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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

    /** {@code handler}, measured: each call counts as active until its stage completes, then is timed. */
    public RpcHandler measure(RpcHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return request -> {
            long start = System.nanoTime();
            active.incrementAndGet();
            try {
                return handler.handle(request).whenComplete((reply, failure) -> done(start, failure == null));
            } catch (Throwable t) {
                done(start, false);
                throw t;
            }
        };
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
