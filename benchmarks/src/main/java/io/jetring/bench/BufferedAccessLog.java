package io.jetring.bench;

import io.jetring.api.observe.RequestLog;
import io.jetring.api.observe.RequestLogEntry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A request log sink as a buffered file appender works (Logback's {@code FileAppender} with
 * {@code immediateFlush=false}, Log4j 2's buffered file appender): each Combined Log Format line is
 * appended to a 64 KiB buffer under a lock, written out when the buffer fills, and flushed once a
 * second; no write per request, no thread woken per request. For the request log benchmark.
 */
final class BufferedAccessLog implements RequestLog {
    private final BufferedWriter out;

    BufferedAccessLog(Path file) {
        try {
            out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "access-log-flush");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void log(RequestLogEntry entry) {
        String line = entry.combined();
        synchronized (out) {
            try {
                out.write(line);
                out.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void flush() {
        synchronized (out) {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
