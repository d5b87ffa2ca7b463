package io.jetring.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jetring.api.InvalidOptionException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The notes application's storage: a table {@code notes} behind a HikariCP pool, in H2 (in memory)
 * or in PostgreSQL. The schema is created when the store opens. Every method blocks on JDBC: call
 * it from sync handlers, which the router runs on the server's blocking executor.
 */
public final class NoteStore implements AutoCloseable {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS notes (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                title VARCHAR(200) NOT NULL,
                body VARCHAR NOT NULL,
                author VARCHAR(64) NOT NULL,
                created TIMESTAMP WITH TIME ZONE NOT NULL)""";
    private static final String COLUMNS = "SELECT id, title, body, author, created FROM notes";

    private final HikariDataSource pool;

    /**
     * A note as the API shows it.
     *
     * @param created when it was written, as an ISO-8601 instant ({@code 2026-12-03T10:15:30.123456Z})
     */
    public record Note(long id, String title, String body, String author, String created) {
    }

    private NoteStore(HikariDataSource pool) {
        this.pool = pool;
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("notes: cannot create the schema at " + pool.getJdbcUrl(), e);
        }
    }

    /** A store at {@code url} (any JDBC URL whose driver is on the class path), with this user and password. */
    public static NoteStore of(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setPoolName("notes");
        return new NoteStore(new HikariDataSource(config));
    }

    /** A fresh H2 database in this process's memory, gone when the store closes. */
    public static NoteStore inMemory() {
        return of("jdbc:h2:mem:notes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /**
     * PostgreSQL (or another database) when {@code JDBC_URL} is set, with {@code JDBC_USER} and
     * {@code JDBC_PASSWORD}; else {@link #inMemory()}.
     */
    public static NoteStore fromEnvironment(Map<String, String> env) {
        String url = env.get("JDBC_URL");
        if (url == null || url.isBlank()) {
            return inMemory();
        }
        if (!url.startsWith("jdbc:")) {
            throw InvalidOptionException.of("JDBC_URL", url, "a JDBC URL such as jdbc:postgresql://localhost:5432/notes");
        }
        return of(url, env.getOrDefault("JDBC_USER", ""), env.getOrDefault("JDBC_PASSWORD", ""));
    }

    /** The newest notes first, at most {@code limit}, whose title or body contains {@code text} (any case). */
    public List<Note> list(Optional<String> text, int limit) throws SQLException {
        String sql = COLUMNS + (text.isPresent() ? " WHERE LOWER(title) LIKE ? ESCAPE '!' OR LOWER(body) LIKE ? ESCAPE '!'" : "")
                + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY";
        try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            if (text.isPresent()) {
                String pattern = "%" + text.get().toLowerCase().replaceAll("[!%_]", "!$0") + "%";
                statement.setString(i++, pattern);
                statement.setString(i++, pattern);
            }
            statement.setInt(i, limit);
            try (ResultSet rows = statement.executeQuery()) {
                List<Note> notes = new ArrayList<>();
                while (rows.next()) {
                    notes.add(note(rows));
                }
                return notes;
            }
        }
    }

    /** Writes a new note and returns it with its id and time. */
    public Note create(String title, String body, String author) throws SQLException {
        OffsetDateTime created = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        try (Connection connection = pool.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO notes (title, body, author, created) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            statement.setString(1, title);
            statement.setString(2, body);
            statement.setString(3, author);
            statement.setObject(4, created);
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return new Note(keys.getLong(1), title, body, author, created.toInstant().toString());
            }
        }
    }

    /** The note with this id, if there is one. */
    public Optional<Note> get(long id) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return get(connection, id);
        }
    }

    /** Deletes the note with this id and returns it, if there was one. */
    public Optional<Note> delete(long id) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement("DELETE FROM notes WHERE id = ?")) {
            Optional<Note> note = get(connection, id);
            statement.setLong(1, id);
            return statement.executeUpdate() == 1 ? note : Optional.empty();
        }
    }

    private static Optional<Note> get(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS + " WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(note(rows)) : Optional.empty();
            }
        }
    }

    private static Note note(ResultSet rows) throws SQLException {
        return new Note(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getObject(5, OffsetDateTime.class).toInstant().toString());
    }

    /** Closes the pool, and drops an in-memory database. */
    @Override
    public void close() {
        if (pool.getJdbcUrl().startsWith("jdbc:h2:mem:")) {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                // closing anyway
            }
        }
        pool.close();
    }
}
