package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.Body;
import io.jetring.api.InvalidArgumentException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building requests: URL rules, query and form encoding, and the messages of bad input. */
class ClientRequestTest {

    @Test
    void queryParamsAreAppendedPercentEncoded() {
        ClientRequest<byte[]> request = ClientRequest.get("http://host/path?x=%2F#fragment")
                .query("q", "a b+c&d")
                .query("emoji", "☕")
                .build();
        assertThat(request.uri()).isEqualTo(URI.create("http://host/path?x=%2F&q=a%20b%2Bc%26d&emoji=%E2%98%95"));
    }

    @Test
    void theUrlIsNormalized() {
        assertThat(ClientRequest.get("HTTP://Host:8080").build().uri()).hasToString("http://Host:8080/");
        assertThat(ClientRequest.get("https://host/a#top").build().uri()).hasToString("https://host/a");
    }

    @Test
    void badUrlsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ClientRequest.get("/relative"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("url: \"/relative\" (expected: an absolute http or https URL with a host)");
        assertThatThrownBy(() -> ClientRequest.get("ftp://host/file"))
                .hasMessage("url: \"ftp://host/file\" (expected: an absolute http or https URL with a host)");
        assertThatThrownBy(() -> ClientRequest.get("http://host/a b"))
                .hasMessageStartingWith("url: \"http://host/a b\" (expected: an absolute http or https URL with a host; ")
                .hasMessageEndingWith("(percent-encode it))");
        assertThatThrownBy(() -> ClientRequest.get("http://ada:secret@host/"))
                .hasMessage("url: \"http://…@host\" (expected: no user info in the URL; use basicAuth(user, password))")
                .message().doesNotContain("secret");
    }

    @Test
    void theMethodMustBeAToken() {
        assertThatThrownBy(() -> ClientRequest.builder("GE T", "http://host/").build())
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("method: \"GE T\" (expected: an RFC 9110 token such as GET)");
        assertThat(ClientRequest.builder("PROPFIND", "http://host/").build().method()).isEqualTo("PROPFIND");
    }

    @Test
    void formFieldsAndABodyDoNotMix() {
        assertThatThrownBy(() -> ClientRequest.post("http://host/").form("a", "1").body(Body.of("x")).build())
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("form: [a] (expected: either form fields or a body, not both)");
    }

    @Test
    void aFormBecomesAnUrlEncodedBody() {
        ClientRequest<byte[]> request = ClientRequest.post("http://host/")
                .form(Map.of("name", List.of("Ada L.")))
                .build();
        assertThat(request.body()).isEqualTo(Body.of("name=Ada+L."));
        assertThat(request.headers().first("Content-Type")).contains("application/x-www-form-urlencoded");
    }

    @Test
    void basicAuthRefusesAColonInTheUser() {
        assertThatThrownBy(() -> ClientRequest.get("http://host/").basicAuth("a:b", "pw"))
                .hasMessage("basicAuth user: \"a:b\" (expected: no ':' (RFC 7617))");
    }

    @Test
    void toStringHidesCredentials() {
        ClientRequest<byte[]> request = ClientRequest.get("http://host/").basicAuth("ada", "secret").build();
        assertThat(request.toString()).contains("Authorization: <hidden>").doesNotContain(request.headers().first("Authorization").get());
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> ClientRequest.get("http://host/").timeout(Duration.ZERO))
                .hasMessage("timeout: PT0S (expected: at least 1 ms)");
    }

    @Test
    void asRetypesTheBuilderAndNewBuilderKeepsEverything() {
        ClientRequest<String> request = ClientRequest.put("http://host/x")
                .header("X-A", "1")
                .body(Body.of("text"))
                .timeout(Duration.ofSeconds(3))
                .as(As.string())
                .build();
        ClientRequest<String> copy = request.newBuilder().query("more", "yes").build();
        assertThat(copy.method()).isEqualTo("PUT");
        assertThat(copy.uri()).hasToString("http://host/x?more=yes");
        assertThat(copy.headers()).isEqualTo(request.headers());
        assertThat(copy.body()).isEqualTo(request.body());
        assertThat(copy.timeout()).contains(Duration.ofSeconds(3));
        assertThat(copy.as()).isSameAs(request.as());
    }

    @Test
    void aJsonBodyThatJacksonCannotWriteIsRefused() {
        assertThatThrownBy(() -> ClientRequest.post("http://host/").json(new Object()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("json: java.lang.Object (expected: a value Jackson can write: ");
    }
}
