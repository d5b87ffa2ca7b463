package io.jetring.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WebSocketTimersTest {

    @Test
    void aTaskRunsOnAWorkerThreadAfterItsDelay() throws Exception {
        try (WebSocketTimers timers = new WebSocketTimers()) {
            CompletableFuture<String> ran = new CompletableFuture<>();
            timers.schedule(Duration.ofMillis(10), () -> ran.complete(Thread.currentThread().getName()));
            assertThat(ran.get(10, TimeUnit.SECONDS)).startsWith("jetring-ws-task-");
        }
    }

    @Test
    void closingEndsBothThreadsAndLaterTasksNeverRun() throws Exception {
        WebSocketTimers timers = new WebSocketTimers();
        CompletableFuture<Void> ran = new CompletableFuture<>();
        timers.schedule(Duration.ZERO, () -> ran.complete(null));
        ran.get(10, TimeUnit.SECONDS);
        AtomicBoolean late = new AtomicBoolean();
        Runnable pending = timers.schedule(Duration.ofHours(1), () -> late.set(true));

        timers.close();

        assertThat(timers.awaitTermination(Duration.ofSeconds(10))).as("the clock and worker threads end").isTrue();
        Runnable afterClose = timers.schedule(Duration.ZERO, () -> late.set(true));
        pending.run();
        afterClose.run();
        assertThat(late).as("no task runs after close").isFalse();
    }
}
