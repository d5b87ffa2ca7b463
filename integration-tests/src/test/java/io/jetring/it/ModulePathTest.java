package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modular applications (their own {@code module-info.java}) require jetring's modules by name, are
 * compiled and run on the module path with Jetty's, Jackson's and Micrometer's modules, and use them at
 * run time: what a module descriptor forgets to export or open shows only here. The first serves
 * requests and cuts off a client that never finishes its request head (which needs Jetty's HTTP/1
 * connection internals); nothing it logs is a failure to reach a package. Another uses every layer
 * an application builds on: a router with a path parameter, static files and compression, JSON, a
 * WebSocket route, the HTTP and WebSocket clients, one RPC call and the metrics. The last runs the
 * servlet bridge and its WebSockets in Jetty's ee10 servlet container.
 */
class ModulePathTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static final String EXPORT = "org.eclipse.jetty.server/org.eclipse.jetty.server.internal=io.jetring.jetty";

    /** The modules of the small application: the server and what it needs. */
    private static final List<String> SERVER = List.of("adapter-api", "engine", "engine-jetty", "adapter-jetty");

    /** The modules of the whole application. */
    private static final List<String> EVERYTHING = List.of("adapter-api", "engine", "engine-jetty", "adapter-jetty",
            "router", "middleware", "json", "websocket-rpc", "http-client", "metrics");

    /** The modules of the servlet application, on Jetty ee10. */
    private static final List<String> SERVLET = List.of("adapter-api", "engine", "engine-jetty", "adapter-servlet",
            "adapter-servlet-jetty");

    /** Modules taken where the class path has them, beneath those named (a module adapter-api may require). */
    private static final List<String> BENEATH = List.of("flow");

    /** A static file above the compression's 1 KiB threshold. */
    private static final String STATIC = "hello from the module path\n" + "jetring ".repeat(300) + "\n";

    @Test
    void aModularApplicationServesRequestsAndCutsOffAnUnfinishedHead() throws Exception {
        try (App app = App.start(compileServer(), SERVER, "--add-exports", EXPORT)) {
            app.assertServes();
            // The slowloris guard reads Jetty's HTTP/1 parser: a head that never ends is cut after the
            // 1 s request header timeout, long before the 5 min idle timeout.
            try (Socket slow = new Socket("127.0.0.1", app.port)) {
                slow.setSoTimeout((int) WAIT.toMillis());
                slow.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.getOutputStream().flush();
                assertThat(slow.getInputStream().read()).as("the unfinished head is cut: end of stream").isEqualTo(-1);
            }
            assertThat(app.stop()).as("the application's output").contains("stopped")
                    .doesNotContain("IllegalAccessError", "does not export", "Exception", "WARN");
        }
    }

    @Test
    void withoutTheExportTheServerSaysWhichGuardsAreOffAndStillServes() throws Exception {
        try (App app = App.start(compileServer(), SERVER)) {
            app.assertServes();
            assertThat(app.stop()).as("the application's output").contains("stopped")
                    .contains("the request header deadline and the closing of idle HTTP/1 connections at stop are off",
                            "--add-exports " + EXPORT)
                    .doesNotContain("IllegalAccessError", "Exception");
        }
    }

    @Test
    void aModularApplicationUsesRouterMiddlewareJsonWebSocketsClientsRpcAndMetrics() throws Exception {
        Path classes = compile(EVERYTHING, """
                module app {
                    requires io.jetring.jetty;
                    requires io.jetring.router;
                    requires io.jetring.middleware;
                    requires io.jetring.json;
                    requires io.jetring.rpc;
                    requires io.jetring.client;
                    requires io.jetring.metrics;
                    // Jackson reads and writes the application's records.
                    opens app to com.fasterxml.jackson.databind;
                }
                """, """
                package app;

                import io.jetring.api.Response;
                import io.jetring.api.RingHandler;
                import io.jetring.api.ws.WebSocket;
                import io.jetring.api.ws.WebSocketListener;
                import io.jetring.client.As;
                import io.jetring.client.ClientResponse;
                import io.jetring.client.JetClient;
                import io.jetring.client.ws.WebSocketClient;
                import io.jetring.jetty.JetServer;
                import io.jetring.jetty.ServerOptions;
                import io.jetring.json.Json;
                import io.jetring.metrics.JetringMetrics;
                import io.jetring.middleware.Compression;
                import io.jetring.middleware.StaticFiles;
                import io.jetring.router.Router;
                import io.jetring.rpc.JsonCodec;
                import io.jetring.rpc.Pipeline;
                import io.jetring.rpc.RpcConnection;
                import io.jetring.rpc.RpcServer;
                import io.jetring.rpc.RpcStub;
                import io.micrometer.core.instrument.Timer;
                import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
                import java.net.URI;
                import java.util.Locale;
                import java.util.concurrent.CompletableFuture;
                import java.util.concurrent.CompletionStage;
                import java.util.concurrent.TimeUnit;

                public class Main {
                    public record Note(String id, String text) {
                    }

                    public record Question(String text) {
                    }

                    public record Answer(String text, int words) {
                    }

                    public static void main(String[] args) throws Exception {
                        try {
                            run();
                        } catch (Throwable e) {
                            // The server's threads would keep the JVM alive: end it, so that the test sees why at once.
                            e.printStackTrace();
                            System.exit(1);
                        }
                    }

                    private static void run() throws Exception {
                        SimpleMeterRegistry registry = new SimpleMeterRegistry();
                        RpcServer rpc = RpcServer.of(Pipeline.payloads()
                                .map(JsonCodec.of(Question.class)::decode)
                                .map(q -> new Answer(q.text().toUpperCase(Locale.ROOT), q.text().split(" ").length))
                                .reply(JsonCodec.of(Answer.class)));
                        WebSocketListener echo = new WebSocketListener() {
                            @Override
                            public void onText(WebSocket ws, String text) {
                                ws.sendText("echo " + text);
                            }
                        };
                        RingHandler app = Router.builder()
                                .get("/notes/{id}", request -> Json.response(new Note(Router.pathParam(request, "id"), "on the module path")))
                                .websocket("/echo", request -> Response.websocket(echo))
                                .websocket("/rpc", request -> Response.websocket(rpc.newListener()))
                                .build()
                                .wrap(StaticFiles.classpath("/static", "public"))
                                .wrap(Compression.gzip());
                        JetServer server = JetServer.run(app, ServerOptions.builder().host("127.0.0.1").port(0)
                                .observer(JetringMetrics.of(registry)).build());
                        String http = "http://127.0.0.1:" + server.port();
                        String ws = "ws://127.0.0.1:" + server.port();
                        try (JetClient client = JetClient.create(); WebSocketClient sockets = WebSocketClient.create()) {
                            ClientResponse<Note> note = get(client.get(http + "/notes/7", As.json(Note.class)));
                            System.out.println("json " + note.status() + " " + note.body());
                            ClientResponse<String> text = get(client.get(http + "/notes/8", As.string()));
                            System.out.println("text " + text.status() + " " + text.body());
                            ClientResponse<String> file = get(client.get(http + "/static/hello.txt", As.string()));
                            System.out.println("static " + file.status() + " " + file.body().lines().findFirst().orElse(""));

                            CompletableFuture<String> echoed = new CompletableFuture<>();
                            WebSocket socket = get(sockets.connect(URI.create(ws + "/echo"), new WebSocketListener() {
                                @Override
                                public void onText(WebSocket ws, String text) {
                                    echoed.complete(text);
                                }
                            }));
                            socket.sendText("hello");
                            System.out.println("websocket " + echoed.get(30, TimeUnit.SECONDS));
                            get(socket.close());

                            RpcConnection connection = get(RpcConnection.connect(listener -> sockets.connect(URI.create(ws + "/rpc"), listener)));
                            RpcStub<Question, Answer> stub = connection.stub(JsonCodec.of(Question.class), JsonCodec.of(Answer.class));
                            System.out.println("rpc " + get(stub.request(new Question("ring on modules"))));
                            get(connection.close());
                        }
                        // The server records an exchange once it is over, just after the client has the response.
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        Timer notes = null;
                        while ((notes == null || notes.count() < 2) && System.nanoTime() < deadline) {
                            Thread.sleep(10);
                            notes = registry.find("http.server.requests").tag("route", "/notes/{id}").tag("status", "2xx").timer();
                        }
                        System.out.println("metrics /notes/{id} " + (notes == null ? 0 : notes.count()));
                        System.out.println("port " + server.port());
                        System.in.read();
                        server.stop();
                        System.out.println("stopped");
                    }

                    private static <T> T get(CompletionStage<T> stage) throws Exception {
                        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
                    }
                }
                """);
        Files.createDirectories(classes.resolve("public"));
        Files.writeString(classes.resolve("public/hello.txt"), STATIC);
        try (App app = App.start(classes, EVERYTHING, "--add-exports", EXPORT)) {
            // Compression and static files, seen from outside: gzip on the wire, the file within.
            HttpResponse<byte[]> file = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port + "/static/hello.txt"))
                            .header("Accept-Encoding", "gzip").timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Encoding")).as("Compression.gzip()").hasValue("gzip");
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file.body()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(STATIC);
            }
            // Everything but the servers' INFO lines: a warning, an error or a stack trace fails the test.
            List<String> printed = app.stop().lines().filter(line -> !line.matches("\\[[^\\]]+\\] INFO .*")).collect(Collectors.toList());
            assertThat(printed).as("the application's output").containsExactly(
                    "json 200 Note[id=7, text=on the module path]",
                    "text 200 {\"id\":\"8\",\"text\":\"on the module path\"}",
                    "static 200 hello from the module path",
                    "websocket echo hello",
                    "rpc Answer[text=RING ON MODULES, words=3]",
                    "metrics /notes/{id} 2",
                    "port " + app.port,
                    "stopped");
        }
    }

    @Test
    void aModularApplicationRunsTheServletBridgeAndItsWebSocketsOnJettyEe10() throws Exception {
        Path classes = compile(SERVLET, """
                module app {
                    requires io.jetring.servlet;
                    requires io.jetring.servlet.jetty;
                    requires org.eclipse.jetty.ee10.servlet;
                }
                """, """
                package app;

                import io.jetring.api.Response;
                import io.jetring.api.ws.WebSocket;
                import io.jetring.api.ws.WebSocketListener;
                import io.jetring.api.ws.WebSocketOptions;
                import io.jetring.api.ws.WebSocketUpgrade;
                import io.jetring.servlet.RingServlet;
                import io.jetring.servlet.jetty.JettyWebSockets;
                import jakarta.servlet.ServletContextEvent;
                import jakarta.servlet.ServletContextListener;
                import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
                import org.eclipse.jetty.ee10.servlet.ServletHolder;
                import org.eclipse.jetty.server.Server;
                import org.eclipse.jetty.server.ServerConnector;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        Server server = new Server();
                        ServerConnector connector = new ServerConnector(server);
                        connector.setHost("127.0.0.1");
                        server.addConnector(connector);
                        ServletContextHandler context = new ServletContextHandler("/");
                        ServletHolder ring = new ServletHolder("ring", new RingServlet(request -> Response.ok("modular " + request.path())));
                        ring.setAsyncSupported(true);
                        context.addServlet(ring, "/*");
                        WebSocketListener echo = new WebSocketListener() {
                            @Override
                            public void onText(WebSocket ws, String text) {
                                ws.sendText("echo " + text);
                            }
                        };
                        context.addEventListener(new ServletContextListener() {
                            @Override
                            public void contextInitialized(ServletContextEvent event) {
                                JettyWebSockets.install(event.getServletContext(), "/ws/*", request -> WebSocketUpgrade.accept(echo),
                                        WebSocketOptions.defaults());
                            }
                        });
                        server.setHandler(context);
                        server.start();
                        System.out.println("port " + connector.getLocalPort());
                        System.in.read();
                        server.stop();
                        System.out.println("stopped");
                    }
                }
                """);
        try (App app = App.start(classes, SERVLET)) {
            app.assertServes();
            CompletableFuture<String> echoed = new CompletableFuture<>();
            java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + app.port + "/ws/echo"), new java.net.http.WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
                            echoed.complete(data.toString());
                            return null;
                        }
                    }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ws.sendText("hello", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(echoed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the WebSocket through JettyWebSockets").isEqualTo("echo hello");
            ws.abort();
            List<String> printed = app.stop().lines().filter(line -> !line.matches("\\[[^\\]]+\\] INFO .*")).collect(Collectors.toList());
            assertThat(printed).as("the application's output").containsExactly("port " + app.port, "stopped");
        }
    }

    /** The small application: a server, its port, a stop on a line of input. */
    private Path compileServer() throws IOException {
        return compile(SERVER, """
                module app {
                    requires io.jetring.api;
                    requires io.jetring.jetty;
                }
                """, """
                package app;

                import io.jetring.api.Response;
                import io.jetring.jetty.JetServer;
                import io.jetring.jetty.ServerOptions;
                import java.time.Duration;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        JetServer server = JetServer.run(request -> Response.ok("modular " + request.path()),
                                ServerOptions.builder().host("127.0.0.1").port(0)
                                        .requestHeaderTimeout(Duration.ofSeconds(1)).idleTimeout(Duration.ofMinutes(5)).build());
                        System.out.println("port " + server.port());
                        System.in.read();
                        server.stop();
                        System.out.println("stopped");
                    }
                }
                """);
    }

    /** Compiles the modular application against jetring's {@code modules}; returns its classes folder. */
    private Path compile(List<String> modules, String moduleInfo, String main) throws IOException {
        Path src = dir.resolve("src/app");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), moduleInfo);
        Files.writeString(src.resolve("app/Main.java"), main);
        Path classes = dir.resolve("classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--module-path", join(modulePath(modules))));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac of the modular application").isZero();
        return classes;
    }

    /** The application in its own JVM, on the module path; its output is collected as it comes. */
    private static final class App implements AutoCloseable {
        final Process process;
        final int port;
        /** Every line printed so far; the reader thread appends under its lock. */
        final List<String> output;
        final Thread reader;

        private App(Process process, int port, List<String> output, Thread reader) {
            this.process = process;
            this.port = port;
            this.output = output;
            this.reader = reader;
        }

        static App start(Path classes, List<String> modules, String... jvmArgs) throws Exception {
            List<Path> runPath = new ArrayList<>(modulePath(modules));
            runPath.add(0, classes);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(List.of(jvmArgs));
            command.addAll(List.of("--module-path", join(runPath), "--add-modules", "ALL-MODULE-PATH", "-m", "app/app.Main"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> output = new ArrayList<>();
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (output) {
                            output.add(line);
                        }
                        if (line.startsWith("port ")) {
                            port.complete(Integer.parseInt(line.substring(5).trim()));
                        }
                    }
                } catch (IOException e) {
                    port.completeExceptionally(e);
                }
                synchronized (output) {
                    port.completeExceptionally(new AssertionError("the application ended without serving: " + output));
                }
            });
            reader.start();
            try {
                return new App(process, port.get(WAIT.toSeconds(), TimeUnit.SECONDS), output, reader);
            } catch (TimeoutException e) {
                process.destroyForcibly();
                synchronized (output) {
                    throw new AssertionError("the application did not serve within " + WAIT.toSeconds() + " s: " + output, e);
                }
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        }

        void assertServes() throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).timeout(WAIT).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("modular /hello");
            }
        }

        /** Asks the application to stop, waits for it, and returns everything it printed. */
        String stop() throws Exception {
            process.getOutputStream().write('\n');
            process.getOutputStream().flush();
            assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the application stops").isTrue();
            reader.join(WAIT.toMillis());
            synchronized (output) {
                return String.join("\n", output);
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /**
     * jetring's main jars of {@code modules} (and of {@link #BENEATH} where present), and from the test
     * class path the libraries they need: Jetty's (those of the servlet stack only for the servlet bridge), the
     * Jakarta APIs and ASM (servlet bridge), SLF4J's, Jackson's, Micrometer's, Commons FileUpload's.
     */
    private static List<Path> modulePath(List<String> modules) {
        List<Path> entries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).filter(p -> !p.toString().endsWith("-tests.jar")).collect(Collectors.toList());
        List<String> names = new ArrayList<>(modules);
        names.addAll(BENEATH);
        String alternatives = String.join("|", names);
        List<Path> jetring = entries.stream()
                .filter(p -> p.getFileName().toString().matches("jetring-(" + alternatives + ")(-[0-9].*)?(\\.jar)?")
                        || p.toString().matches(".*/(" + alternatives + ")/target/classes"))
                .collect(Collectors.toList());
        assumeThat(jetring).as("jetring's modules as jars (run in the package phase or later, e.g. mvn verify)")
                .allMatch(p -> p.toString().endsWith(".jar"));
        for (String module : modules) {
            assertThat(jetring).as("jetring-" + module + " on the test class path")
                    .anyMatch(p -> p.getFileName().toString().matches("jetring-" + module + "(-[0-9].*)?\\.jar"));
        }
        List<Path> path = new ArrayList<>(jetring);
        entries.stream()
                .filter(p -> p.toString().endsWith(".jar"))
                .filter(p -> p.toString().contains("/org/eclipse/jetty/")
                                && (modules.contains("adapter-servlet-jetty") || !p.toString().matches(".*/jetty/ee[0-9]*/.*")
                                        && !p.getFileName().toString().matches("jetty-(annotations|plus|jndi)-.*"))
                        || modules.contains("adapter-servlet-jetty") && p.toString().matches(".*/(jakarta|org/ow2/asm)/.*")
                        || p.getFileName().toString().matches("slf4j-(api|simple)-.*\\.jar")
                        || modules.contains("json") && p.getFileName().toString().matches("jackson-(core|databind|annotations)-.*\\.jar")
                        || modules.contains("metrics") && p.getFileName().toString()
                                .matches("(micrometer-(core|commons|observation)|HdrHistogram|jspecify)-.*\\.jar")
                        || modules.contains("middleware") && p.getFileName().toString()
                                .matches("(commons-fileupload2-core|commons-io)-.*\\.jar"))
                .forEach(path::add);
        return path;
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
