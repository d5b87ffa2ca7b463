package io.jetring.examples;

import io.jetring.api.Response;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import io.jetring.router.Router;

/** The guide's first step: one route with a path parameter, served on port 8080. */
public final class FirstRoute {
    private FirstRoute() {
    }

    /** The application: {@code GET /hello/{name}}. */
    public static Router app() {
        return Router.builder()
                .get("/hello/{name}", request -> Response.ok("Hello, " + Router.pathParam(request, "name") + "!"))
                .build();
    }

    /** Serves it until the JVM stops. */
    public static void main(String[] args) throws InterruptedException {
        JetServer.run(app(), ServerOptions.builder().port(8080).build()).join();
    }
}
