package io.jetring.servlet.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the bridge logs. The bridge logs through {@link System.Logger}, which goes to
 * {@code java.util.logging} when no other platform logger is installed, as in these tests.
 */
public final class LogRecorder extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecorder(Logger logger) {
        this.logger = logger;
        this.previous = logger.getLevel();
        setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Starts recording the logger {@code io.jetring.servlet.RingServlet}. */
    public static LogRecorder start() {
        return new LogRecorder(Logger.getLogger("io.jetring.servlet.RingServlet"));
    }

    /** The records at {@code level}, in order. */
    public List<LogRecord> at(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
