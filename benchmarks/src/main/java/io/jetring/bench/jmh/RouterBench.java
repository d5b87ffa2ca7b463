package io.jetring.bench.jmh;

import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.router.Router;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing every path of a route table once per operation, divided by the table size: the mean cost
 * of one lookup and dispatch (the handler returns a ready response). Run with {@code -prof gc} for
 * bytes per lookup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBench {
    private static final Response OK = Response.ok("ok");

    @Param({"github-api-routes.tsv", "static-routes.tsv"})
    public String table;

    private Router router;
    private Request[] requests;

    @Setup
    public void setUp() throws IOException {
        List<String[]> rows = load(table);
        Router.Builder builder = Router.builder();
        RingHandler handler = request -> OK;
        List<Request> paths = new ArrayList<>();
        for (String[] row : rows) {
            builder.route(row[0], row[1], handler);
            paths.add(Request.builder().method(row[0]).path(row[1].replaceAll("\\{[^}]+}", "value")).build());
        }
        router = builder.build();
        requests = paths.toArray(Request[]::new);
    }

    @Benchmark
    @OperationsPerInvocation(203)
    public int routeAll() throws Exception {
        int sum = 0;
        for (int i = 0; i < 203; i++) {
            sum += router.handle(requests[i % requests.length]).status();
        }
        return sum;
    }

    static List<String[]> load(String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                RouterBench.class.getResourceAsStream("/routes/" + name), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
        }
        return rows;
    }
}
