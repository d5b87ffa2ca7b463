package io.jetring.bench.jmh;

import io.jetring.api.observe.RequestLogEntry;
import io.jetring.metrics.JetringMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observing costs per exchange, apart from the logging binding's write: building the request
 * log's entry, formatting its line, and recording it in the metrics (a Prometheus registry).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ObserveBench {
    private final JetringMetrics metrics = JetringMetrics.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    private final RequestLogEntry sample = entry();

    @Benchmark
    public RequestLogEntry entry() {
        return new RequestLogEntry(RequestLogEntry.Kind.RESPONSE, Instant.ofEpochMilli(System.currentTimeMillis()),
                "127.0.0.1", "GET", "/", "HTTP/1.1", 200, 13, Optional.empty(), Optional.of("wrk/4.2"),
                Duration.ofNanos(41_250), Optional.of("/"), OptionalInt.empty());
    }

    @Benchmark
    public String combinedLine() {
        return sample.combined();
    }

    @Benchmark
    public void metricsRecord() {
        metrics.exchanged(sample);
    }
}
