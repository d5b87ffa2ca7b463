package io.jetring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseTest {
    @Test
    void helpersBuildWholeValues() {
        assertThat(Response.ok("hi")).isEqualTo(new Response(200,
                Headers.of("Content-Type", "text/plain;charset=utf-8"), new Body.Text("hi", StandardCharsets.UTF_8)));
        assertThat(Response.ok(new byte[] {1, 2})).isEqualTo(new Response(200, Headers.of(), Body.of(new byte[] {1, 2})));
        assertThat(Response.status(204)).isEqualTo(new Response(204, Headers.of(), Body.empty()));
        assertThat(Response.notFound()).isEqualTo(Response.text(404, "Not Found"));
        assertThat(Response.redirect("/there")).isEqualTo(new Response(302, Headers.of("Location", "/there"), Body.empty()));
        assertThat(Response.redirect("/p", 308).status()).isEqualTo(308);
    }

    @Test
    void withMethodsDerive() {
        Response response = Response.ok("x").withStatus(201).withHeader("content-type", "text/html")
                .addHeader("Set-Cookie", "a=1").addHeader("Set-Cookie", "b=2");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Content-Type")).contains("text/html");
        assertThat(response.headers().all("set-cookie")).containsExactly("a=1", "b=2");
        assertThat(response.withoutHeader("Set-Cookie").headers().contains("Set-Cookie")).isFalse();
        assertThat(response.withBody(Body.empty()).body()).isEqualTo(Body.empty());
    }

    @Test
    void invalidValuesAreRejected() {
        assertThatThrownBy(() -> Response.status(99)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("status: 99 (expected: 100..599)");
        assertThatThrownBy(() -> Response.redirect("/x", 200)).hasMessage(
                "redirect status: 200 (expected: one of 301, 302, 303, 307, 308)");
        assertThatThrownBy(() -> Response.ok("x").withHeader("X", "a\r\nb"))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void bytesBodiesCompareByContent() {
        assertThat(Body.of(new byte[] {1, 2, 3})).isEqualTo(Body.of(new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(Body.of(new byte[] {1, 2, 3}))
                .isNotEqualTo(Body.of(new byte[] {1, 2}));
    }

    @Test
    void fileHelperGuessesTheTypeOrAnswersNotFound(@TempDir Path dir) throws Exception {
        Path page = Files.writeString(dir.resolve("index.html"), "<p>hi</p>");

        BasicFileAttributes attributes = Files.readAttributes(page, BasicFileAttributes.class);
        assertThat(Response.file(page)).isEqualTo(new Response(200, Headers.of("Content-Type", "text/html",
                "ETag", Response.fileTag(attributes),
                "Last-Modified", HttpDate.format(attributes.lastModifiedTime().toInstant())),
                Body.of(page, 0, 9)));
        assertThat(Response.fileTag(attributes)).matches("\"[0-9a-f]+-9\"");
        assertThat(Response.file(dir.resolve("missing.txt"))).isEqualTo(Response.notFound());
        assertThat(Response.file(dir)).isEqualTo(Response.notFound());
    }

    @Test
    void fileRegionsSendTheirBytesOnly(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "0123456789");

        try (var in = ((Body.File) Body.of(file, 2, 3)).open()) {
            assertThat(in.readAllBytes()).isEqualTo("234".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(new Body.File(file).size()).isEqualTo(10);
        assertThat(new Body.File(file, 4, java.util.OptionalLong.empty()).size()).isEqualTo(6);
        try (var in = ((Body.File) Body.of(file, 8, 5)).open()) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(java.io.EOFException.class);
        }
        assertThatThrownBy(() -> Body.of(file, -1, 3)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("offset: -1 (expected: 0 or more)");
    }
}
