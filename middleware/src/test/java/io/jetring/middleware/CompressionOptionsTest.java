package io.jetring.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidOptionException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompressionOptionsTest {

    @Test
    void codingsAreGzipAndZstdEachOnce() {
        assertThat(CompressionOptions.defaults().encodings()).containsExactly("gzip");
        assertThat(CompressionOptions.defaults().withEncodings(List.of("zstd", "gzip")).encodings())
                .containsExactly("zstd", "gzip");
        assertThatThrownBy(() -> CompressionOptions.defaults().withEncodings(List.of("br")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("encodings").hasMessageContaining("[br]");
        assertThatThrownBy(() -> CompressionOptions.defaults().withEncodings(List.of("gzip", "gzip")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("each once");
        assertThatThrownBy(() -> CompressionOptions.defaults().withEncodings(List.of()))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("encodings");
        assertThatThrownBy(() -> CompressionOptions.defaults().withZstdLevel(20))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("zstdLevel").hasMessageContaining("1..19");
        assertThatThrownBy(() -> CompressionOptions.defaults().withZstdLevel(0))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("zstdLevel");
    }

    @Test
    void zstdWithoutZstdJniFailsAtOnceNamingTheDependency() throws Exception {
        // The middleware and the API as they are, but a class loader that cannot see zstd-jni.
        URL middleware = CompressionOptions.class.getProtectionDomain().getCodeSource().getLocation();
        URL api = InvalidOptionException.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader withoutZstd = new URLClassLoader(new URL[] {middleware, api}, ClassLoader.getPlatformClassLoader());
        Class<?> options = Class.forName(CompressionOptions.class.getName(), true, withoutZstd);
        assertThat(options.getClassLoader()).isSameAs(withoutZstd);
        Object defaults = options.getMethod("defaults").invoke(null);
        assertThatThrownBy(() -> {
            try {
                options.getMethod("withEncodings", List.class).invoke(defaults, List.of("zstd", "gzip"));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }).hasMessageContaining("encodings").hasMessageContaining("com.github.luben:zstd-jni");
        Object gzipOnly = options.getMethod("withEncodings", List.class).invoke(defaults, List.of("gzip"));
        assertThat(gzipOnly.toString()).contains("gzip");
    }
}
