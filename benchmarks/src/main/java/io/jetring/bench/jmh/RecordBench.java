package io.jetring.bench.jmh;

import io.jetring.api.Headers;
import io.jetring.api.Request;
import io.jetring.api.RequestBody;
import io.jetring.api.RequestContext;
import io.jetring.api.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/** The values a request creates on the hot path: headers, the request record, a text response. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordBench {
    private final String[] wire = {"Host", "localhost:8080", "User-Agent", "wrk", "Accept", "text/plain",
        "Accept-Encoding", "gzip", "Connection", "keep-alive", "Cookie", "session=abc123"};
    private final RequestBody body = RequestBody.empty();

    @Benchmark
    public Headers headers() {
        Headers.Builder builder = Headers.builder();
        for (int i = 0; i < wire.length; i += 2) {
            builder.add(wire[i], wire[i + 1]);
        }
        return builder.build();
    }

    @Benchmark
    public Request request() {
        return new Request("GET", "http", "localhost", 8080, "127.0.0.1", 50000, "/hello", Optional.empty(),
                "HTTP/1.1", headers(), body, List.of(), Map.of(), RequestContext.of(Runnable::run));
    }

    @Benchmark
    public String headerLookup() {
        return headers().first("accept-encoding").orElse("");
    }

    @Benchmark
    public Response textResponse() {
        return Response.ok("Hello, World!");
    }
}
