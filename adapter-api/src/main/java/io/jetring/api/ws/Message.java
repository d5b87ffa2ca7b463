package io.jetring.api.ws;

import java.util.Arrays;
import java.util.Objects;

/**
 * One whole WebSocket data message, as the publisher of {@link WebSocketListener#publisher} emits it:
 * text or binary. Fragments are always assembled first.
 */
public sealed interface Message permits Message.Text, Message.Binary {

    /** A text message. */
    static Message text(String text) {
        return new Text(text);
    }

    /** A binary message (the array is not copied). */
    static Message binary(byte[] data) {
        return new Binary(data);
    }

    /**
     * A text message.
     *
     * @param text the text, decoded from valid UTF-8
     */
    record Text(String text) implements Message {
        /** Requires the text. */
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A binary message. Equal to another iff the bytes are equal.
     *
     * @param data the bytes, not copied
     */
    record Binary(byte[] data) implements Message {
        /** Requires the bytes. */
        public Binary {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary other && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Binary[" + data.length + " bytes]";
        }
    }
}
