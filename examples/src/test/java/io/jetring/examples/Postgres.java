package io.jetring.examples;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of its own for tests: installed by {@code .ci/setup-postgresql.sh} if missing,
 * initialised in a temporary directory (trust authentication, user {@code postgres}) and listening on
 * a free loopback port only, its Unix socket in that directory too. It never reads
 * {@code /etc/postgresql}. As root, it runs as the {@code postgres} user, since the server refuses
 * to run as root.
 */
final class Postgres implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;

    private Postgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** Installs (or skips the test if that is impossible), initialises and starts a server. */
    static Postgres start() throws Exception {
        install();
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(version -> version.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(Path::toString)).orElseThrow();
        }
        Path dir = Files.createTempDirectory("jetring-postgres");
        if (isRoot()) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Postgres server = new Postgres(bin, dir, port);
        server.run(60, "initdb", "-D", dir.resolve("data").toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale");
        server.run(60, "pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + dir + " -c fsync=off", "start");
        return server;
    }

    /** The JDBC URL of the database {@code postgres}, for user {@code postgres} with any password. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Stops the server (fast shutdown: open sessions are ended) and deletes its directory. */
    @Override
    public void close() throws Exception {
        try {
            run(60, "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private void run(int seconds, String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("jetring-postgres", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + ": not done within " + seconds + " s: " + Files.readString(output));
            }
            if (process.exitValue() != 0) {
                Path log = dir.resolve("server.log");
                fail(String.join(" ", command) + " exited with " + process.exitValue() + ": " + Files.readString(output)
                        + (Files.isReadable(log) ? Files.readString(log) : ""));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void install() throws IOException, InterruptedException {
        Path script = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && script == null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".ci/setup-postgresql.sh"))) {
                script = dir.resolve(".ci/setup-postgresql.sh");
            }
        }
        if (script == null) {
            fail("no .ci/setup-postgresql.sh above " + Path.of("").toAbsolutePath());
        }
        Path found = script;
        Process setup = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).start();
        boolean done = setup.waitFor(10, TimeUnit.MINUTES);
        String output = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            setup.destroyForcibly();
        }
        Assumptions.assumeTrue(done && setup.exitValue() == 0,
                () -> "PostgreSQL cannot be installed here, so the PostgreSQL tests are skipped (" + found + "): " + output);
    }
}
