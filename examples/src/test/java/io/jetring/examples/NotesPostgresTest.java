package io.jetring.examples;

/**
 * The notes contract on PostgreSQL through HikariCP, as {@code JDBC_URL} selects it: a server of the
 * test's own ({@link Postgres}), skipped only where PostgreSQL cannot be installed.
 */
class NotesPostgresTest extends NotesContract {
    private Postgres postgres;

    @Override
    NoteStore openStore() throws Exception {
        postgres = Postgres.start();
        return NoteStore.fromEnvironment(java.util.Map.of("JDBC_URL", postgres.jdbcUrl(), "JDBC_USER", "postgres",
                "JDBC_PASSWORD", ""));
    }

    @Override
    void closed() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}
