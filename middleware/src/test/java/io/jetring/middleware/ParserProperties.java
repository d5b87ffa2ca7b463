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
class ParserProperties {

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
}
