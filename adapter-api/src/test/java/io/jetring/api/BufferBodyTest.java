package io.jetring.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class BufferBodyTest {

    @Test
    void holdsTheBytesFromThePositionToTheLimitAsTheyWereHandedOver() {
        ByteBuffer source = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4, 5});
        source.position(1).limit(5);
        Body.Buffer body = (Body.Buffer) Body.of(source);
        source.position(0).limit(6);

        assertThat(body.length()).isEqualTo(4);
        assertThat(body.toBytes()).containsExactly(1, 2, 3, 4);
        assertThat(body).isEqualTo(Body.of(ByteBuffer.wrap(new byte[] {1, 2, 3, 4})))
                .hasSameHashCodeAs(Body.of(ByteBuffer.wrap(new byte[] {1, 2, 3, 4})));
        assertThat(body.toString()).isEqualTo("Buffer[4 bytes]");
    }

    @Test
    void everyViewIsItsOwnAndNoneCanWrite() {
        Body.Buffer body = (Body.Buffer) Body.of(ByteBuffer.allocateDirect(3).put(new byte[] {7, 8, 9}).flip());
        ByteBuffer first = body.buffer();
        first.get();
        first.get();
        ByteBuffer second = body.buffer();
        assertThat(second.position()).isZero();
        assertThat(second.remaining()).isEqualTo(3);
        assertThat(second.isReadOnly()).isTrue();
        assertThat(second.isDirect()).as("a direct buffer stays direct: the engine writes it as it is").isTrue();
        assertThatThrownBy(() -> second.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
        assertThat(body.toBytes()).containsExactly(7, 8, 9);
    }
}
