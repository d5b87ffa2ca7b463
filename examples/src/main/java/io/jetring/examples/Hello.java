package io.jetring.examples;

import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;

public class Hello {
    public static void main(String[] args) {
        RingHandler hello = request -> Response.ok("Hello, " + request.queryParam("name").orElse("World") + "!");
        JetServer server = JetServer.run(hello, ServerOptions.builder().port(8080).build());
        System.out.println("Try " + server.uri() + "?name=Ring");
    }
}
