package io.jetring.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.servlet.testing.ContainerFixture;
import io.jetring.servlet.testing.RunningServer;
import io.jetring.testing.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Starts the suite's two servers, the sync router and the async router, in the container that
 * {@link #fixture()} names, once per suite class. Subclasses hold the tests; a container runs them
 * by extending a suite with its fixture (see {@code JettyServletTest}, {@code TomcatTest},
 * {@code JetServerTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SuiteBase {
    SuiteHandlers handlers;
    RunningServer sync;
    RunningServer async;
    private Path dir;

    /** The container under test. */
    abstract ContainerFixture fixture();

    @BeforeAll
    void startServers() throws Exception {
        dir = Files.createTempDirectory("jetring-suite");
        handlers = new SuiteHandlers(dir);
        sync = fixture().start(handlers.sync(), SuiteHandlers.MAX_BODY, SuiteHandlers.ASYNC_TIMEOUT);
        async = fixture().start(handlers.async(), SuiteHandlers.MAX_BODY, SuiteHandlers.ASYNC_TIMEOUT);
    }

    @AfterAll
    void stopServers() throws Exception {
        try {
            for (RunningServer server : both()) {
                assertAllExchangesEnd(server);
            }
        } finally {
            try {
                async.close();
            } finally {
                sync.close();
                Files.deleteIfExists(handlers.file);
                Files.deleteIfExists(dir);
            }
        }
    }

    /** Every exchange of the suite (aborted, timed out, abandoned by its client) has ended, or soon does. */
    private static void assertAllExchangesEnd(RunningServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.openExchanges().orElse(0) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.openExchanges().orElse(0)).as("exchanges still open on %s", server.baseUri()).isZero();
    }

    /** Both servers: the routes they share behave the same in either form. */
    List<RunningServer> both() {
        return List.of(sync, async);
    }

    /** One raw HTTP/1.1 exchange; the connection closes after it. */
    static String raw(RunningServer server, String request) throws Exception {
        try (RawHttp raw = RawHttp.connect(server.baseUri())) {
            raw.send(request);
            return raw.readUntilClose();
        }
    }
}
