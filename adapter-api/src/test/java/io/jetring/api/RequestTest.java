package io.jetring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestTest {
    private final RequestBody body = RequestBody.empty();

    @Test
    void builderDefaultsDescribeAPlainGet() {
        Request request = Request.builder().body(body).build();

        assertThat(request).isEqualTo(new Request("GET", "http", "localhost", 80, "127.0.0.1", 0, "/",
                Optional.empty(), "HTTP/1.1", Headers.of(), body, List.of(), Map.of(), RequestContext.detached()));
    }

    @Test
    void withMethodsDeriveNewValues() {
        Request request = Request.builder().body(body).path("/a").queryString("x=1&y=%20z&x=2").build();

        Request derived = request.withAttribute("user", "ann").withHeader("Accept", "text/plain").withPath("/b");

        assertThat(derived).isEqualTo(Request.builder().body(body).path("/b").queryString("x=1&y=%20z&x=2")
                .header("Accept", "text/plain").attributes(Map.of("user", "ann")).build());
        assertThat(request.attributes()).isEmpty();
        assertThat(derived.attribute("user", String.class)).contains("ann");
        assertThat(derived.attribute("user", Integer.class)).isEmpty();
        assertThat(derived.withoutAttribute("user").attributes()).isEmpty();
        assertThat(request.queryParams()).isEqualTo(Map.of("x", List.of("1", "2"), "y", List.of(" z")));
        assertThat(request.queryParam("x")).contains("1");
        assertThat(request.queryParam("missing")).isEmpty();
    }

    @Test
    void malformedQueryIsABadRequest() {
        Request request = Request.builder().queryString("a=%zz").build();

        assertThatThrownBy(request::queryParams).isInstanceOf(BadRequestException.class)
                .hasMessage("query: \"%zz\" (expected: valid percent-encoding)");
    }

    @Test
    void invalidFieldsAreRejectedWithTheRule() {
        assertThatThrownBy(() -> Request.builder().serverPort(70000).build())
                .hasMessage("serverPort: 70000 (expected: 0..65535)");
        assertThatThrownBy(() -> Request.builder().path("").build()).hasMessage("path: \"\" (expected: a path such as /)");
        assertThatThrownBy(() -> Request.builder().method(null).build()).isInstanceOf(NullPointerException.class)
                .hasMessage("method");
    }

    @Test
    void collectionsAreCopiedAndImmutable() {
        java.util.HashMap<String, Object> attributes = new java.util.HashMap<>(Map.of("k", "v"));
        Request request = Request.builder().attributes(attributes).build();
        attributes.put("k2", "v2");

        assertThat(request.attributes()).isEqualTo(Map.of("k", "v"));
        assertThatThrownBy(() -> request.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
