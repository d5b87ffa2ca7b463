package io.jetring.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import org.junit.jupiter.api.Test;

/** The default mapping's configuration, which the client and the RPC codec take over unchanged. */
class SharedMappingTest {
    @Test
    void unknownPropertiesAreIgnoredByDefault() {
        assertThat(JsonMapping.defaults().mapper().isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
        record Point(int x) {
        }
        assertThat(JsonMapping.defaults().read("{\"x\":1,\"y\":2}".getBytes(), Point.class)).isEqualTo(new Point(1));
    }
}
