package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code Cookie} parser and the {@code Set-Cookie} builder, value by value. */
class CookiesTest {

    @Test
    void parsesPairsAndSkipsMalformedOnes() {
        assertThat(Cookies.parse("a=1; b=2;c=\"3\"  ;  d=")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"),
                Map.entry("c", "3"), Map.entry("d", ""));
        assertThat(Cookies.parse("noequals; x y=1; ok=yes; bad=a b; q=\"unterminated; comma=a,b; bs=a\\b; ok2=v"))
                .containsExactly(Map.entry("ok", "yes"), Map.entry("ok2", "v"));
        assertThat(Cookies.parse("sid=first; sid=second")).containsExactly(Map.entry("sid", "first"));
        assertThat(Cookies.parse("")).isEmpty();
        assertThat(Cookies.parse(";;; =x; =")).isEmpty();
        assertThat(Cookies.parse("t=a=b")).containsExactly(Map.entry("t", "a=b"));
    }

    @Test
    void theMiddlewareReadsEveryCookieHeader() throws Exception {
        RingHandler app = ((RingHandler) request -> Response.ok(Cookies.all(request).toString())).wrap(Cookies.middleware());
        Request request = Request.builder().header("Cookie", "a=1").header("Cookie", "b=2; a=3").build();
        assertThat(app.handle(request).body()).isEqualTo(io.jetring.api.Body.of("{a=1, b=2}"));
    }

    @Test
    void anAccessorWithoutTheMiddlewareNamesIt() {
        assertThatThrownBy(() -> Cookies.get(Request.builder().build(), "sid"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cookies.get: the request did not pass through Cookies.middleware()"
                        + " (expected: the handler wrapped with Cookies.middleware())");
        assertThatThrownBy(() -> Params.query(Request.builder().build())).hasMessageContaining("Params.middleware()");
        assertThatThrownBy(() -> Sessions.get(Request.builder().build())).hasMessageContaining("Sessions.middleware()");
        assertThatThrownBy(() -> Multipart.files(Request.builder().build())).hasMessageContaining("Multipart.middleware()");
        assertThatThrownBy(() -> Csrf.token(Request.builder().build())).hasMessageContaining("Csrf.middleware()");
        RingHandler csrfAlone = ((RingHandler) request -> Response.ok("x")).wrap(Csrf.middleware());
        assertThatThrownBy(() -> csrfAlone.handle(Request.builder().method("POST").build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Csrf.middleware(): the request did not pass through Sessions.middleware()"
                        + " (expected: Sessions.middleware() outside Csrf.middleware())");
    }

    @Test
    void setCookieWritesEveryAttribute() {
        SetCookie cookie = SetCookie.builder("sid", "abc").maxAge(Duration.ofHours(1))
                .expires(Instant.parse("2030-01-02T03:04:05Z")).path("/app").domain("example.com").secure(true)
                .httpOnly(true).sameSite(SetCookie.SameSite.NONE).partitioned(true).build();
        assertThat(cookie.header()).isEqualTo("sid=abc; Max-Age=3600; Expires=Wed, 02 Jan 2030 03:04:05 GMT;"
                + " Domain=example.com; Path=/app; Secure; HttpOnly; SameSite=None; Partitioned");
        assertThat(SetCookie.of("a", "").header()).isEqualTo("a=");
        assertThat(SetCookie.expire("a").header()).isEqualTo("a=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(cookie.expired().header()).startsWith("sid=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT;"
                + " Domain=example.com; Path=/app; Secure");
        assertThat(Cookies.set(Cookies.set(Response.ok("x"), SetCookie.of("a", "1")), SetCookie.of("b", "2"))
                .headers().all("Set-Cookie")).containsExactly("a=1", "b=2");
    }

    @Test
    void refusesWhatWouldBreakTheHeader() {
        assertRefused(() -> SetCookie.of("a b", "1"), "cookie name: \"a b\" (expected: an RFC 9110 token)");
        assertRefused(() -> SetCookie.of("a", "x\r\nSet-Cookie: evil=1"), "cookie a value: \"x\\u000d\\u000aSet-Cookie");
        assertRefused(() -> SetCookie.of("a", "x;Domain=evil.com"), "cookie a value");
        assertRefused(() -> SetCookie.of("a", "with space"), "cookie a value");
        assertRefused(() -> SetCookie.of("a", "é"), "cookie a value");
        assertRefused(() -> SetCookie.of("a", "x".repeat(4096)), "cookie a: 4097 bytes (expected: at most 4096");
        assertRefused(() -> SetCookie.builder("a", "1").path("/x;Secure").build(), "cookie a path");
        assertRefused(() -> SetCookie.builder("a", "1").domain("evil.com; Secure").build(), "cookie a domain");
        assertRefused(() -> SetCookie.builder("a", "1").maxAge(Duration.ofSeconds(-1)).build(), "cookie a maxAge");
        assertRefused(() -> SetCookie.builder("a", "1").sameSite(SetCookie.SameSite.NONE).build(), "sameSite: None");
        assertRefused(() -> SetCookie.builder("a", "1").partitioned(true).build(), "partitioned");
        assertRefused(() -> SetCookie.of("__Secure-a", "1"), "__Secure- prefix");
        assertRefused(() -> SetCookie.builder("__Host-a", "1").secure(true).path("/x").build(), "__Host- prefix");
        assertThat(SetCookie.builder("__Host-a", "1").secure(true).path("/").build().header())
                .isEqualTo("__Host-a=1; Path=/; Secure");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(InvalidArgumentException.class).hasMessageContaining(message);
    }
}
