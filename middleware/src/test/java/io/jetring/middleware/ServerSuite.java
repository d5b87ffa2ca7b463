package io.jetring.middleware;

import io.jetring.api.DataSize;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.ContainerFixture;
import io.jetring.servlet.testing.RunningServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Starts one application twice in the container {@link #fixture()} names, once around sync handlers
 * and once around async ones, so that every test sees both forms of each middleware. A container
 * runs a suite by extending it with its fixture (see {@code JetServerStateTest}, {@code TomcatStateTest},
 * {@code JettyServletStateTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerSuite {
    static final DataSize MAX_BODY = DataSize.ofMebibytes(1);

    RunningServer sync;
    RunningServer async;

    /** The container under test. */
    abstract ContainerFixture fixture();

    /** The application, its handlers in the sync or the async form. */
    abstract RingHandler app(boolean async) throws Exception;

    @BeforeAll
    void startServers() throws Exception {
        sync = fixture().start(app(false), MAX_BODY, Duration.ofSeconds(20));
        async = fixture().start(app(true), MAX_BODY, Duration.ofSeconds(20));
    }

    @AfterAll
    void stopServers() {
        try {
            if (async != null) {
                async.close();
            }
        } finally {
            if (sync != null) {
                sync.close();
            }
        }
    }

    /** Both servers: each test holds for either form. */
    List<RunningServer> both() {
        return List.of(sync, async);
    }
}
