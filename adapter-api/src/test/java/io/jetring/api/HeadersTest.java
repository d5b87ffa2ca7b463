package io.jetring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void namesAreCaseInsensitiveAndValuesStayApartInOrder() {
        Headers headers = Headers.of("Set-Cookie", "a=1", "content-type", "text/plain", "SET-COOKIE", "b=2");

        assertThat(headers.first("set-cookie")).contains("a=1");
        assertThat(headers.all("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(headers.first("Content-Type")).contains("text/plain");
        assertThat(headers.contains("CONTENT-TYPE")).isTrue();
        assertThat(headers.first("Accept")).isEmpty();
        assertThat(headers.all("Accept")).isEmpty();
        assertThat(headers.size()).isEqualTo(3);
        assertThat(headers.names()).containsExactly("Set-Cookie", "content-type");
        assertThat(headers.toMap()).isEqualTo(Map.of("Set-Cookie", List.of("a=1", "b=2"),
                "content-type", List.of("text/plain")));
    }

    @Test
    void equalityIgnoresNameCaseButNotOrderOrValues() {
        assertThat(Headers.of("A", "1", "B", "2")).isEqualTo(Headers.of("a", "1", "b", "2"))
                .hasSameHashCodeAs(Headers.of("a", "1", "b", "2"));
        assertThat(Headers.of("A", "1", "B", "2")).isNotEqualTo(Headers.of("B", "2", "A", "1"));
        assertThat(Headers.of("A", "1")).isNotEqualTo(Headers.of("A", "one"));
    }

    @Test
    void derivationsLeaveTheOriginalAlone() {
        Headers original = Headers.of("Accept", "a", "Accept", "b", "X", "1");

        assertThat(original.with("accept", "c")).isEqualTo(Headers.of("X", "1", "accept", "c"));
        assertThat(original.withAdded("Accept", "c").all("Accept")).containsExactly("a", "b", "c");
        assertThat(original.without("ACCEPT")).isEqualTo(Headers.of("X", "1"));
        assertThat(original).isEqualTo(Headers.of("Accept", "a", "Accept", "b", "X", "1"));
        assertThat(original.without("Missing")).isSameAs(original);
    }

    @Test
    void builderStartsFromExistingHeaders() {
        Headers headers = Headers.of("A", "1").newBuilder().add("B", "2").set("A", "3").build();

        assertThat(headers).isEqualTo(Headers.of("B", "2", "A", "3"));
    }

    @Test
    void valuesThatCouldSplitAResponseAreRejected() {
        assertThatThrownBy(() -> Headers.of("X-Evil", "a\r\nSet-Cookie: admin=1"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("header X-Evil: \"a\\r\\nSet-Cookie: admin=1\" (expected: no CR, LF or NUL in a value)");
        assertThatThrownBy(() -> Headers.of("X", "a\nb")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Headers.of("X", "a\0b")).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void namesMustBeTokens() {
        assertThatThrownBy(() -> Headers.of("Bad Name", "v"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("header name: \"Bad Name\" (expected: an RFC 9110 token)");
        assertThatThrownBy(() -> Headers.of("X\r\nY", "v")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Headers.of("", "v")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Headers.of("odd")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("an even number");
    }

    @Test
    void indexedAccessAndForEachFollowInsertionOrder() {
        Headers headers = Headers.of("A", "1", "B", "2");
        StringBuilder seen = new StringBuilder();
        headers.forEach((name, value) -> seen.append(name).append('=').append(value).append(';'));

        assertThat(seen).hasToString("A=1;B=2;");
        assertThat(headers.name(1)).isEqualTo("B");
        assertThat(headers.value(1)).isEqualTo("2");
        assertThatThrownBy(() -> headers.name(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
