package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidOptionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The two stores, with hostile keys: tampered, truncated, retired, expired, made up. */
class SessionStoresTest {
    private static final byte[] KEY_A = CookieSessionStore.generateKey();
    private static final byte[] KEY_B = CookieSessionStore.generateKey();

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void aCookieOpensWithItsKeyAndRoundTrips() {
        CookieSessionStore store = CookieSessionStore.of(List.of(KEY_A));
        String sealed = store.write(Optional.empty(), Map.of("user", "ada", "é", "ü;\"\n"));
        assertThat(sealed).matches("[A-Za-z0-9_-]+");
        assertThat(store.read(sealed)).hasValue(Map.of("user", "ada", "é", "ü;\"\n"));
        assertThat(sealed).isNotEqualTo(store.write(Optional.empty(), Map.of("user", "ada", "é", "ü;\"\n")))
                .as("a fresh nonce each time");
    }

    @Test
    void aTamperedCookieIsNoSession() {
        CookieSessionStore store = CookieSessionStore.of(List.of(KEY_A));
        String sealed = store.write(Optional.empty(), Map.of("user", "ada", "role", "user"));
        byte[] bytes = Base64.getUrlDecoder().decode(sealed);
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(store.read(Base64.getUrlEncoder().withoutPadding().encodeToString(flipped)))
                    .as("bit %d flipped", bit).isEmpty();
        }
        for (int length = 0; length < sealed.length(); length++) {
            assertThat(store.read(sealed.substring(0, length))).as("truncated to %d", length).isEmpty();
        }
        assertThat(store.read(sealed + "A")).isEmpty();
        assertThat(store.read("not base64 !")).isEmpty();
        assertThat(store.read("x".repeat(100_000))).isEmpty();
    }

    @Test
    void keysRotateTheFirstSealsAllOpen() {
        CookieSessionStore old = CookieSessionStore.of(List.of(KEY_A));
        String byOld = old.write(Optional.empty(), Map.of("user", "ada"));
        CookieSessionStore rotating = CookieSessionStore.of(List.of(KEY_B, KEY_A));
        assertThat(rotating.read(byOld)).hasValue(Map.of("user", "ada"));
        String byNew = rotating.write(Optional.empty(), Map.of("user", "ada"));
        assertThat(CookieSessionStore.of(List.of(KEY_B)).read(byNew)).hasValue(Map.of("user", "ada"));
        CookieSessionStore retired = CookieSessionStore.of(List.of(KEY_B));
        assertThat(retired.read(byOld)).as("sealed with a retired key").isEmpty();
        assertThat(old.read(byNew)).as("another instance's unknown key").isEmpty();
    }

    @Test
    void anExpiredCookieIsNoSession() {
        ManualClock clock = new ManualClock();
        CookieSessionStore store = CookieSessionStore.of(List.of(KEY_A), Duration.ofHours(1), clock);
        String sealed = store.write(Optional.empty(), Map.of("user", "ada"));
        clock.advance(Duration.ofMinutes(59));
        assertThat(store.read(sealed)).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.read(sealed)).isEmpty();
    }

    @Test
    void aSessionTooLargeForACookieFailsItsWrite() {
        CookieSessionStore store = CookieSessionStore.of(List.of(KEY_A));
        assertThatThrownBy(() -> store.write(Optional.empty(), Map.of("big", "x".repeat(5000))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("to fit a cookie");
    }

    @Test
    void badKeysFailFast() {
        assertThatThrownBy(() -> CookieSessionStore.of(List.of(new byte[10]))).isInstanceOf(InvalidOptionException.class)
                .hasMessage("keys[0]: 10 bytes (expected: an AES key of 16, 24 or 32 bytes)");
        assertThatThrownBy(() -> CookieSessionStore.of(List.of())).isInstanceOf(InvalidOptionException.class);
    }

    @Test
    void memoryStoreNeverAdoptsAClientsKey() {
        MemorySessionStore store = MemorySessionStore.create();
        assertThat(store.read("attacker-chosen")).isEmpty();
        String id = store.write(Optional.of("attacker-chosen"), Map.of("user", "ada"));
        assertThat(id).isNotEqualTo("attacker-chosen").hasSize(43);
        assertThat(store.read("attacker-chosen")).isEmpty();
        assertThat(store.write(Optional.of(id), Map.of("user", "bob"))).isEqualTo(id);
        assertThat(store.read(id)).hasValue(Map.of("user", "bob"));
        store.delete(id);
        assertThat(store.read(id)).isEmpty();
    }

    @Test
    void memoryStoreExpiresIdleSessionsAndStaysBounded() {
        ManualClock clock = new ManualClock();
        MemorySessionStore store = MemorySessionStore.of(Duration.ofMinutes(10), 3, clock);
        String a = store.write(Optional.empty(), Map.of("n", "a"));
        clock.advance(Duration.ofMinutes(9));
        assertThat(store.read(a)).isPresent();
        clock.advance(Duration.ofMinutes(9));
        assertThat(store.read(a)).as("read 9 minutes ago: still alive").isPresent();
        clock.advance(Duration.ofMinutes(10));
        assertThat(store.read(a)).as("idle for 10 minutes").isEmpty();

        String b = store.write(Optional.empty(), Map.of("n", "b"));
        String c = store.write(Optional.empty(), Map.of("n", "c"));
        String d = store.write(Optional.empty(), Map.of("n", "d"));
        store.read(b);
        String e = store.write(Optional.empty(), Map.of("n", "e"));
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.read(c)).as("the least recently used went").isEmpty();
        assertThat(store.read(b)).isPresent();
        assertThat(store.read(d)).isPresent();
        assertThat(store.read(e)).isPresent();
        for (int i = 0; i < 1000; i++) {
            store.write(Optional.empty(), Map.of("n", "x"));
        }
        assertThat(store.size()).isEqualTo(3);
    }
}
