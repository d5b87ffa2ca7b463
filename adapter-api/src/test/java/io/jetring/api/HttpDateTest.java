package io.jetring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    private static final Instant RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void writesTheImfFixdate() {
        assertThat(HttpDate.format(RFC_EXAMPLE)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDate.format(RFC_EXAMPLE.plusMillis(999))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDate.format(Instant.parse("2026-03-01T00:00:05Z"))).isEqualTo("Sun, 01 Mar 2026 00:00:05 GMT");
    }

    @Test
    void readsAllThreeForms() {
        assertThat(HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT")).hasValue(RFC_EXAMPLE);
        assertThat(HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT")).hasValue(RFC_EXAMPLE);
        assertThat(HttpDate.parse("Sun Nov  6 08:49:37 1994")).hasValue(RFC_EXAMPLE);
    }

    @Test
    void ignoresWhatIsNotADate() {
        assertThat(HttpDate.parse("yesterday")).isEmpty();
        assertThat(HttpDate.parse("Mon, 06 Nov 1994 08:49:37 GMT")).as("wrong weekday").isEmpty();
        assertThat(HttpDate.parse("")).isEmpty();
    }
}
