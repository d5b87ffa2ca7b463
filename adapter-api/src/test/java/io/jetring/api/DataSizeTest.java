package io.jetring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataSizeTest {
    @Test
    void unitsAndText() {
        assertThat(DataSize.ofKibibytes(8)).isEqualTo(DataSize.ofBytes(8192));
        assertThat(DataSize.ofMebibytes(10).bytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(DataSize.ofKibibytes(8)).hasToString("8 KiB");
        assertThat(DataSize.ofMebibytes(3)).hasToString("3 MiB");
        assertThat(DataSize.ofBytes(1000)).hasToString("1000 bytes");
        assertThat(DataSize.ofBytes(5_000_000_000L).toIntBytes()).isEqualTo(Integer.MAX_VALUE);
        assertThat(DataSize.ofBytes(1)).isLessThan(DataSize.ofBytes(2));
    }

    @Test
    void negativeSizesAreRejected() {
        assertThatThrownBy(() -> DataSize.ofBytes(-1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("size: -1 bytes (expected: >= 0 bytes)");
    }
}
