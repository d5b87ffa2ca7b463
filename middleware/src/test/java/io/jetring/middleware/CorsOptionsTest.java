package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidOptionException;
import org.junit.jupiter.api.Test;

class CorsOptionsTest {
    @Test
    void wrongOptionsFailFast() {
        assertThatThrownBy(() -> CorsOptions.allowing("*").withAllowCredentials(true)).isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("allowedOrigins: * (expected: the origins themselves when allowCredentials is true");
        assertThatThrownBy(() -> CorsOptions.allowing("https://app.example.com/")).hasMessageStartingWith(
                "allowedOrigins: \"https://app.example.com/\" (expected: origins such as https://app.example.com");
        assertThatThrownBy(() -> CorsOptions.allowing("app.example.com")).isInstanceOf(InvalidOptionException.class);
        assertThatThrownBy(() -> CorsOptions.allowing("https://App.example.com")).isInstanceOf(InvalidOptionException.class);
        assertThatThrownBy(() -> CorsOptions.allowing("https://a.*.example.com")).isInstanceOf(InvalidOptionException.class);
        assertThatThrownBy(() -> CorsOptions.defaults().withAllowedMethods("GE T"))
                .hasMessage("allowedMethods: \"GE T\" (expected: method tokens such as PUT)");
        assertThatThrownBy(() -> CorsOptions.defaults().withMaxAge(java.time.Duration.ofSeconds(-1)))
                .hasMessage("maxAge: PT-1S (expected: zero or positive)");
    }
}
