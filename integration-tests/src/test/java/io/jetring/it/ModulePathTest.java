package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A modular application (its own {@code module-info.java}) requires jetring's modules by their
 * {@code Automatic-Module-Name}s, is compiled and run on the module path with Jetty's own modules,
 * serves requests and cuts off a client that never finishes its request head (which needs Jetty's
 * HTTP/1 connection internals); nothing it logs is a failure to reach a package.
 */
class ModulePathTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static final String EXPORT = "org.eclipse.jetty.server/org.eclipse.jetty.server.internal=io.jetring.jetty";

    @Test
    void aModularApplicationServesRequestsAndCutsOffAnUnfinishedHead() throws Exception {
        try (App app = App.start(compile(), "--add-exports", EXPORT)) {
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
        try (App app = App.start(compile())) {
            app.assertServes();
            assertThat(app.stop()).as("the application's output").contains("stopped")
                    .contains("the request header deadline and the closing of idle HTTP/1 connections at stop are off",
                            "--add-exports " + EXPORT)
                    .doesNotContain("IllegalAccessError", "Exception");
        }
    }

    /** Compiles the modular application against the module path; returns its classes folder. */
    private Path compile() throws IOException {
        Path src = dir.resolve("src/app");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), """
                module app {
                    requires io.jetring.api;
                    requires io.jetring.jetty;
                }
                """);
        Files.writeString(src.resolve("app/Main.java"), """
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
        Path classes = dir.resolve("classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--module-path", join(modulePath())));
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

        static App start(Path classes, String... jvmArgs) throws Exception {
            List<Path> runPath = new ArrayList<>(modulePath());
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

    /** jetring's main jars, Jetty's (not the servlet ones) and SLF4J's, from the test class path. */
    private static List<Path> modulePath() {
        List<Path> entries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).filter(p -> !p.toString().endsWith("-tests.jar")).collect(Collectors.toList());
        List<Path> jetring = entries.stream()
                .filter(p -> p.getFileName().toString().matches("jetring-(flow|adapter-api|engine|engine-jetty|adapter-jetty)(-[0-9].*)?(\\.jar)?")
                        || p.toString().matches(".*/(flow|adapter-api|engine|engine-jetty|adapter-jetty)/target/classes"))
                .collect(Collectors.toList());
        assumeThat(jetring).as("jetring's modules as jars (run in the package phase or later, e.g. mvn verify)")
                .allMatch(p -> p.toString().endsWith(".jar")).hasSize(5);
        List<Path> path = new ArrayList<>(jetring);
        entries.stream()
                .filter(p -> p.toString().endsWith(".jar"))
                .filter(p -> p.toString().contains("/org/eclipse/jetty/") && !p.toString().matches(".*/jetty/ee[0-9]*/.*")
                        || p.getFileName().toString().matches("slf4j-(api|simple)-.*\\.jar"))
                .forEach(path::add);
        return path;
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
