package io.jetring.jetty.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An nginx of its own for tests: installed by {@code .ci/setup-nginx.sh} if missing, run in the
 * foreground with a generated configuration whose every path (pid, logs, temp files, document root) is
 * under {@code dir}, listening on a free loopback port. It never reads {@code /etc/nginx}.
 */
public final class Nginx implements AutoCloseable {
    private static final int STARTUP_SECONDS = 30;

    private final Process process;
    private final Path errorLog;
    private final int port;

    private Nginx(Process process, Path errorLog, int port) {
        this.process = process;
        this.errorLog = errorLog;
        this.port = port;
    }

    /** Starts nginx serving {@code dir/html}; {@code server} is the body of its {@code server} block. */
    public static Nginx start(Path dir, String server) throws IOException, InterruptedException {
        return start(dir, "", server);
    }

    /**
     * Starts nginx; {@code http} is added to its {@code http} block (upstreams, maps) and
     * {@code server} is the body of its {@code server} block.
     */
    public static Nginx start(Path dir, String http, String server) throws IOException, InterruptedException {
        install();
        String binary = binary();
        int port = freePort();
        for (String sub : new String[] {"logs", "tmp/client_body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        Path errorLog = dir.resolve("logs/error.log");
        Path config = dir.resolve("nginx.conf");
        Files.writeString(config, """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/tmp/client_body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    types { text/plain txt; text/html html; application/json json; application/octet-stream bin; }
                    default_type application/octet-stream;
                %4$s
                    server {
                        listen 127.0.0.1:%2$d;
                        root %1$s/html;
                %3$s
                    }
                }
                """.formatted(dir.toAbsolutePath(), port, server.indent(8), http.indent(4)));
        Process process = new ProcessBuilder(binary, "-p", dir.toAbsolutePath() + "/", "-c", config.toString(),
                "-e", errorLog.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/console.log").toFile())
                .start();
        Nginx nginx = new Nginx(process, errorLog, port);
        nginx.awaitListening(dir);
        return nginx;
    }

    /** The loopback port nginx listens on. */
    public int port() {
        return port;
    }

    private static void install() throws IOException, InterruptedException {
        Path script = repositoryRoot().resolve(".ci/setup-nginx.sh");
        Process setup = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).start();
        boolean done = setup.waitFor(10, TimeUnit.MINUTES);
        String output = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            setup.destroyForcibly();
            fail(script + " did not finish within 10 minutes: " + output);
        }
        assertThat(setup.exitValue()).as("%s failed: %s", script, output).isZero();
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".ci/setup-nginx.sh"))) {
                return dir;
            }
        }
        return fail("no .ci/setup-nginx.sh above " + Path.of("").toAbsolutePath());
    }

    private static String binary() {
        for (String candidate : new String[] {"/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "nginx";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening(Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("nginx exited with " + process.exitValue() + ": " + read(dir.resolve("logs/console.log")) + read(errorLog));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        fail("nginx did not listen on port " + port + " within " + STARTUP_SECONDS + " s: " + read(errorLog));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Stops nginx (SIGTERM: fast shutdown), forcibly if it does not exit in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
