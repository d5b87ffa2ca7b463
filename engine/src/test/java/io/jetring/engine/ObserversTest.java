package io.jetring.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.observe.RequestLogEntry;
import io.jetring.api.observe.ServerObserver;
import io.jetring.engine.ws.ConnectionObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ObserversTest {
    private static final RequestLogEntry UPGRADE = new RequestLogEntry(RequestLogEntry.Kind.RESPONSE,
            Instant.parse("2026-12-03T10:00:00Z"), "127.0.0.1", "GET", "/ws?x=1", "HTTP/1.1", 101, 0,
            Optional.empty(), Optional.of("agent"), Duration.ZERO, Optional.empty(), OptionalInt.empty());

    @Test
    void aFailingObserverIsReportedAndTheOthersStillSeeEverything() {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> warnings = new CopyOnWriteArrayList<>();
        ServerObserver failing = new ServerObserver() {
            @Override
            public void exchanged(RequestLogEntry entry) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void webSocketOpened() {
                throw new IllegalStateException("broken");
            }
        };
        ServerObserver recording = new ServerObserver() {
            @Override
            public void exchanged(RequestLogEntry entry) {
                seen.add("observer " + entry.kind() + " " + entry.target() + " " + entry.closeCode());
            }

            @Override
            public void webSocketOpened() {
                seen.add("opened");
            }

            @Override
            public void webSocketMessageIn(long bytes) {
                seen.add("in " + bytes);
            }
        };
        Observers observers = Observers.of(Optional.of(entry -> seen.add("log " + entry.kind())),
                List.of(failing, recording), (message, failure) -> warnings.add(message + ": " + failure.getMessage()));
        assertThat(observers.isEmpty()).isFalse();

        AtomicInteger open = new AtomicInteger();
        ConnectionObserver ws = observers.webSocket(UPGRADE, System.nanoTime(), () -> Optional.of("/ws"),
                open::incrementAndGet, open::decrementAndGet);
        ws.opened();
        assertThat(open).hasValue(1);
        ws.messageIn(5);
        ws.closed(1001);
        assertThat(open).hasValue(0);

        assertThat(seen).containsExactly("opened", "in 5", "log WEBSOCKET_CLOSED",
                "observer WEBSOCKET_CLOSED /ws?x=1 OptionalInt[1001]");
        assertThat(warnings).containsExactly("a server observer failed in webSocketOpened(): broken",
                "a request log or server observer failed: broken");
        assertThat(Observers.of(Optional.empty(), List.of(), (m, f) -> { }).isEmpty()).isTrue();
    }
}
