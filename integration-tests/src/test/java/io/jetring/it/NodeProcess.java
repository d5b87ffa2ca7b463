package io.jetring.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js script from {@code integration-tests/node} run as a child process, its output lines
 * taken with a bounded wait. {@link #setUp()} runs the repository's installer first, so that a build
 * on a fresh machine gets Node and the pinned {@code ws} package by itself.
 */
final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private NodeProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The repository root: the nearest directory above the working directory that has {@code .ci}. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".ci"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("no .ci directory above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Runs {@code .ci/setup-node-ws.sh} (idempotent) and fails the test if it fails. */
    static void setUp() throws IOException, InterruptedException {
        setUp("setup-node-ws.sh");
    }

    /** Runs the installer {@code .ci/<name>} (idempotent) and fails the test if it fails. */
    static void setUp(String name) throws IOException, InterruptedException {
        Path script = repositoryRoot().resolve(".ci").resolve(name);
        Process setup = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
        String output = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!setup.waitFor(10, TimeUnit.MINUTES) || setup.exitValue() != 0) {
            throw new AssertionError(script + " failed: " + output);
        }
    }

    /** Starts {@code node <script> <args>} in {@code integration-tests/node}. */
    static NodeProcess start(String script, String... args) throws IOException {
        Path dir = repositoryRoot().resolve("integration-tests/node");
        List<String> command = new java.util.ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return new NodeProcess(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start());
    }

    /** The next output line, waiting up to 15 s. */
    String nextLine() throws InterruptedException {
        return nextLine(15);
    }

    /** The next output line, waiting up to {@code seconds}. */
    String nextLine(int seconds) throws InterruptedException {
        String line = lines.poll(seconds, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no output from node within " + seconds + " s (alive: " + process.isAlive() + ")");
        }
        return line;
    }

    /** Waits up to 15 s for the process to exit and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            throw new AssertionError("node did not exit within 15 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
