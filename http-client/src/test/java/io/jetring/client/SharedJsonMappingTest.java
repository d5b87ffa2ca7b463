package io.jetring.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.client.internal.Decoders;
import io.jetring.json.JsonMapping;
import org.junit.jupiter.api.Test;

/** The client reads and writes JSON with the configuration the server side and the RPC codec use. */
class SharedJsonMappingTest {
    @Test
    void theDefaultMapperIsTheSharedOne() {
        assertThat(Decoders.MAPPER).isSameAs(JsonMapping.defaults().mapper());
    }
}
