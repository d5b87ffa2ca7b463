package io.jetring.bench;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.router.Router;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The routing benchmark: the GitHub API table (203 routes) in a {@link Router}, every route
 * answering as {@link #HELLO} does, measured against {@code HELLO} unrouted. The load hits a route
 * with three parameters deep in the table ({@code routing-cpu.sh}).
 */
final class Routing {
    static final Response OK = Response.ok("Hello, World!");
    static final RingHandler HELLO = request -> OK;

    private Routing() {
    }

    static RingHandler githubRouter() {
        Router.Builder routes = Router.builder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Routing.class.getResourceAsStream("/routes/github-api-routes.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] row = line.split("\t");
                    routes.route(row[0], row[1], HELLO);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return routes.build();
    }
}
