package io.jetring.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketUpgrade;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JakartaUpgradeFilterTest {

    @Test
    void eachTimeInServiceHasItsOwnKeepAliveClockAndDestroyEndsIt() throws Exception {
        JakartaUpgradeFilter filter = new JakartaUpgradeFilter(request -> WebSocketUpgrade.reject(404), WebSocketOptions.defaults());
        for (int round = 0; round < 2; round++) {
            filter.init(null);
            WebSocketTimers timers = filter.timers();
            assertThat(timers).as("a clock while in service").isNotNull();
            CompletableFuture<Void> ran = new CompletableFuture<>();
            timers.schedule(Duration.ZERO, () -> ran.complete(null));
            ran.get(10, TimeUnit.SECONDS);

            filter.destroy();

            assertThat(timers.awaitTermination(Duration.ofSeconds(10))).as("its threads end with destroy").isTrue();
            assertThat(filter.timers()).isNull();
        }
    }

    @Test
    void aFilterTheContainerNeverInitialisedMakesItsClockAtTheFirstUpgrade() throws Exception {
        JakartaUpgradeFilter filter = new JakartaUpgradeFilter(request -> WebSocketUpgrade.reject(404), WebSocketOptions.defaults());
        filter.destroy(); // harmless before any use
        assertThat(filter.timers()).isNull();

        WebSocketTimers clock = filter.clock();
        CompletableFuture<Void> ran = new CompletableFuture<>();
        clock.schedule(Duration.ZERO, () -> ran.complete(null));
        ran.get(10, TimeUnit.SECONDS);
        assertThat(filter.clock()).as("one clock while in service").isSameAs(clock);

        filter.destroy();
        assertThat(clock.awaitTermination(Duration.ofSeconds(10))).isTrue();
    }
}
