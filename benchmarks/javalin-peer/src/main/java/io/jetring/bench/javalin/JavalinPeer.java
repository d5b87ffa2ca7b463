package io.jetring.bench.javalin;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Javalin serving every route of a route table ({@code method<TAB>path} lines, {@code {name}}
 * parameters, Javalin's own syntax too), each answering "Hello, World!".
 * {@code java ... JavalinPeer TABLE PORT} prints {@code ready javalin port N} once listening.
 */
public final class JavalinPeer {
    private JavalinPeer() {
    }

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        int port = Integer.parseInt(args[1]);
        Handler hello = ctx -> ctx.result("Hello, World!");
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] row = line.split("\t");
                switch (row[0]) {
                    case "GET" -> config.routes.get(row[1], hello);
                    case "POST" -> config.routes.post(row[1], hello);
                    case "PUT" -> config.routes.put(row[1], hello);
                    case "PATCH" -> config.routes.patch(row[1], hello);
                    case "DELETE" -> config.routes.delete(row[1], hello);
                    default -> throw new IllegalArgumentException("method: " + row[0]);
                }
            }
        }).start("127.0.0.1", port);
        System.out.println("ready javalin port " + app.port());
    }
}
