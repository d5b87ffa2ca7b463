package io.jetring.rpc;

import static io.jetring.rpc.RpcFixture.WAIT_SECONDS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One timer per server and per client connection, and no timer thread left once they stop. */
class RpcTimerTest {

    /** The thread that runs {@code timer}'s tasks now. */
    private static Thread threadOf(RpcTimer timer) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        timer.schedule(Duration.ZERO, () -> thread.complete(Thread.currentThread()));
        return thread.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aStoppedTimerLeavesNoThreadAndStartsAgainWhenNeeded() throws Exception {
        RpcTimer timer = new RpcTimer();
        Thread first = threadOf(timer);
        assertThat(first.getName()).isEqualTo(RpcTimer.THREAD_NAME);
        assertThat(first.isDaemon()).isTrue();
        timer.schedule(Duration.ofMinutes(5), () -> { });
        assertThat(timer.scheduled()).isEqualTo(1);

        timer.stop();

        first.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(first.isAlive()).as("the timer thread ended with the stop").isFalse();
        assertThat(timer.scheduled()).as("timers not yet run were dropped").isZero();
        Thread second = threadOf(timer);
        assertThat(second).isNotSameAs(first);
        timer.stop();
        second.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(second.isAlive()).isFalse();
    }

    @Test
    void stoppingTheServerStopsItsTimerAndEveryClientConnectionsTimer() throws Exception {
        Thread serverTimer;
        Thread clientTimer;
        RpcConnection client;
        try (RpcFixture fixture = RpcFixture.start(RpcHandler.echo())) {
            client = fixture.connect();
            assertThat(client.request("x".getBytes(UTF_8)).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo("x".getBytes(UTF_8));
            serverTimer = threadOf(fixture.rpc.timer());
            clientTimer = threadOf(((RpcEndpoint) client).timer());
            assertThat(serverTimer).as("one timer each").isNotSameAs(clientTimer);

            fixture.server.stop();

            client.whenClosed().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            serverTimer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            clientTimer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertThat(serverTimer.isAlive()).as("the server's timer thread after the stop").isFalse();
            assertThat(clientTimer.isAlive()).as("the client connection's timer thread after its close").isFalse();
        }
    }

    @Test
    void aClientConnectionsTimerStopsWhenItCloses() throws Exception {
        try (RpcFixture fixture = RpcFixture.start(RpcHandler.echo())) {
            RpcConnection client = fixture.connect();
            client.request("x".getBytes(UTF_8)).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            Thread timer = threadOf(((RpcEndpoint) client).timer());

            client.close().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);

            timer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertThat(timer.isAlive()).isFalse();
            Eventually.until("the server forgot the connection", () -> fixture.rpc.connections().isEmpty());
            assertThat(threadOf(fixture.rpc.timer()).isAlive()).as("the server's timer runs on while it serves").isTrue();
        }
    }
}
