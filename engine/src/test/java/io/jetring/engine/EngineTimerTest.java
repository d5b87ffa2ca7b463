package io.jetring.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EngineTimerTest {

    @Test
    void itsThreadStartsOnFirstUseNamedAndDaemon() throws Exception {
        try (EngineTimer timer = new EngineTimer("jetring-test-timer")) {
            assertThat(timer.isStarted()).isFalse();
            CompletableFuture<Thread> ran = new CompletableFuture<>();
            timer.schedule(() -> ran.complete(Thread.currentThread()), Duration.ofMillis(1));
            Thread thread = ran.get(10, TimeUnit.SECONDS);
            assertThat(thread.getName()).isEqualTo("jetring-test-timer");
            assertThat(thread.isDaemon()).isTrue();
            assertThat(timer.isStarted()).isTrue();
        }
    }

    @Test
    void aCancelledTaskNeverRuns() throws Exception {
        try (EngineTimer timer = new EngineTimer("jetring-test-timer")) {
            AtomicBoolean ran = new AtomicBoolean();
            Future<?> task = timer.schedule(() -> ran.set(true), Duration.ofMillis(200));
            assertThat(task.cancel(false)).isTrue();
            CompletableFuture<Void> later = new CompletableFuture<>();
            timer.schedule(() -> later.complete(null), Duration.ofMillis(400));
            later.get(10, TimeUnit.SECONDS);
            assertThat(ran).isFalse();
        }
    }

    @Test
    void closingEndsTheThreadDropsPendingTasksAndRefusesNewOnes() throws Exception {
        EngineTimer timer = new EngineTimer("jetring-test-timer");
        AtomicBoolean late = new AtomicBoolean();
        timer.schedule(() -> late.set(true), Duration.ofHours(1));
        timer.close();
        assertThat(timer.awaitTermination(Duration.ofSeconds(10))).as("the thread ends").isTrue();
        assertThatThrownBy(() -> timer.schedule(() -> late.set(true), 0))
                .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("jetring-test-timer");
        assertThat(late).isFalse();

        EngineTimer unused = new EngineTimer("never-started");
        unused.close();
        assertThat(unused.isStarted()).as("closing one never used starts nothing").isFalse();
    }
}
