package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random input to the hand-written parsers yields a value or a 400, never anything else. */
class ParserPropertiesTest {

    @Provide
    Arbitrary<String> headerish() {
        // Mostly the characters that matter to the grammars, sometimes anything at all.
        Arbitrary<String> dense = Arbitraries.strings().withChars("=;\" ,\\\t%+&aZ09-_.é\u0000\r\n").ofMaxLength(80);
        return Arbitraries.oneOf(dense, Arbitraries.strings().ofMaxLength(80));
    }

    @Property(tries = 2000)
    void cookieParsingNeverFailsAndKeepsOnlyValidPairs(@ForAll("headerish") String header) {
        Map<String, String> cookies = Cookies.parse(header);
        cookies.forEach((name, value) -> {
            assertThat(CookieSyntax.isToken(name)).as(name).isTrue();
            assertThat(CookieSyntax.isCookieValue(value)).as(value).isTrue();
            // What a server would send back round-trips.
            assertThat(Cookies.parse(SetCookie.of(name, value).header())).containsEntry(name, value);
        });
    }

    @Property(tries = 2000)
    void formDecodingYieldsAValueOrA400(@ForAll("headerish") String text) {
        try {
            Map<String, List<String>> params = FormCodec.decode(text, StandardCharsets.UTF_8, "form", 1000);
            params.forEach((name, values) -> assertThat(values).isNotEmpty());
        } catch (BadRequestException e) {
            assertThat(e.getMessage()).startsWith("form: ");
        }
    }

    @Property(tries = 1000)
    void formDecodingInvertsEncoding(@ForAll String name, @ForAll String value) {
        String text = io.jetring.api.QueryString.format(Map.of(name, List.of(value)));
        // URLEncoder replaces unpaired surrogates with '?': compare with what UTF-8 can carry.
        String expectedName = new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        String expectedValue = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(FormCodec.decode(text, StandardCharsets.UTF_8, "form", 1000))
                .containsEntry(expectedName, List.of(expectedValue));
    }

    @Provide
    Arbitrary<byte[]> multipartish() {
        // Pieces of real multipart bodies, shuffled and cut: boundaries, headers, CRLFs, content.
        Arbitrary<String> piece = Arbitraries.of("--B", "--B--", "\r\n", "\r\n\r\n", "Content-Disposition: form-data; name=\"a\"",
                "Content-Disposition: form-data; name=\"f\"; filename=\"../x\"", "Content-Type: text/plain; charset=latin1",
                "Content-Type: multipart/mixed; boundary=C", "--C", "--C--", "value", "\u0000", "é", ";", "\"", "-", "=");
        return piece.list().ofMaxSize(40).map(list -> String.join("", list).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1500)
    void multipartParsingYieldsAValueOr4xx(@ForAll("multipartish") byte[] body) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jetring-multipart-property");
        try {
            Multipart.Options options = Multipart.Options.defaults().withDirectory(dir).withMaxParts(20);
            try {
                Multipart.Upload upload = MultipartParser.parse("multipart/form-data; boundary=B", body.length,
                        new java.io.ByteArrayInputStream(body), options);
                upload.delete();
            } catch (BadRequestException e) {
                assertThat(e.getMessage()).startsWith("multipart: ");
            } catch (MultipartParser.TooLarge e) {
                assertThat(e.response().status()).isEqualTo(413);
            }
            try (var left = java.nio.file.Files.list(dir)) {
                assertThat(left.toList()).as("no spool file left").isEmpty();
            }
        } finally {
            java.nio.file.Files.deleteIfExists(dir);
        }
    }
}
