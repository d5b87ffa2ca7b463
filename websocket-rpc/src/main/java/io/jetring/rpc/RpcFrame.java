package io.jetring.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One RPC message: the content of exactly one binary WebSocket message. Byte 0 is the type; the
 * types that carry a request id follow it with the id as a big-endian signed 64-bit integer. The
 * layout, with byte diagrams, is in {@code docs/rpc-protocol.md}:
 *
 * <pre>
 * 0x01 request        | 01 | id (8) | payload ... |   the sender expects an answer
 * 0x00 reply          | 00 | id (8) | payload ... |   the answer to request id
 * 0x02 error reply    | 02 | id (8) | UTF-8 message ... |
 * 0x03 cancel         | 03 | id (8) |              the sender no longer wants an answer to id
 * 0xFF fire-and-forget| FF | payload ... |         no id, no answer
 * </pre>
 *
 * <p>{@link #encode()} and {@link #decode(byte[])} are exact inverses for every well-formed message.
 */
public sealed interface RpcFrame
        permits RpcFrame.Request, RpcFrame.Reply, RpcFrame.ErrorReply, RpcFrame.Cancel, RpcFrame.Notification {

    /** Type byte of a request that expects an answer. */
    byte REQUEST = 0x01;
    /** Type byte of a reply. */
    byte REPLY = 0x00;
    /** Type byte of an error reply. */
    byte ERROR = 0x02;
    /** Type byte of a cancel. */
    byte CANCEL = 0x03;
    /** Type byte of a fire-and-forget request. */
    byte NOTIFICATION = (byte) 0xFF;
    /** The type byte plus the 8-byte id: the header of every frame that carries an id. */
    int ID_HEADER_BYTES = 9;

    /** The bytes of the binary WebSocket message that carries this frame. */
    byte[] encode();

    /**
     * Reads one binary WebSocket message.
     *
     * @throws RpcProtocolException (close code {@code 1002}) for an empty message, an unknown type
     *                              byte, a message too short for its id, or a cancel with bytes after its id
     */
    static RpcFrame decode(byte[] message) {
        Objects.requireNonNull(message, "message");
        if (message.length == 0) {
            throw RpcProtocolException.malformed("an empty message (expected: a type byte)");
        }
        byte type = message[0];
        if (type == NOTIFICATION) {
            return new Notification(Arrays.copyOfRange(message, 1, message.length));
        }
        if (type != REQUEST && type != REPLY && type != ERROR && type != CANCEL) {
            throw RpcProtocolException.malformed(String.format(
                    "type 0x%02X (expected: 0x00, 0x01, 0x02, 0x03 or 0xFF)", type & 0xFF));
        }
        if (message.length < ID_HEADER_BYTES) {
            throw RpcProtocolException.malformed(String.format(
                    "a %d-byte message of type 0x%02X (expected: at least 9 bytes, the type and the id)",
                    message.length, type & 0xFF));
        }
        long id = ByteBuffer.wrap(message, 1, 8).getLong();
        byte[] rest = Arrays.copyOfRange(message, ID_HEADER_BYTES, message.length);
        return switch (type) {
            case REQUEST -> new Request(id, rest);
            case REPLY -> new Reply(id, rest);
            case ERROR -> new ErrorReply(id, new String(rest, StandardCharsets.UTF_8));
            default -> {
                if (rest.length != 0) {
                    throw RpcProtocolException.malformed("a " + message.length
                            + "-byte cancel (expected: exactly 9 bytes, the type and the id)");
                }
                yield new Cancel(id);
            }
        };
    }

    private static byte[] withId(byte type, long id, byte[] body) {
        return ByteBuffer.allocate(ID_HEADER_BYTES + body.length).put(type).putLong(id).put(body).array();
    }

    private static String describe(byte[] payload) {
        return payload.length <= 16 ? HexFormat.of().formatHex(payload) : payload.length + " bytes";
    }

    /**
     * A request that expects exactly one answer: a {@link Reply} or an {@link ErrorReply} with the same id.
     *
     * @param id      chosen by the sender, unique among its requests still unanswered on this connection
     * @param payload the request's bytes, not copied
     */
    record Request(long id, byte[] payload) implements RpcFrame {
        /** Requires the payload. */
        public Request {
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public byte[] encode() {
            return withId(REQUEST, id, payload);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Request other && id == other.id && Arrays.equals(payload, other.payload);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Request[" + id + ", " + describe(payload) + "]";
        }
    }

    /**
     * The answer to the request with this id.
     *
     * @param id      the id of the request answered
     * @param payload the reply's bytes, not copied
     */
    record Reply(long id, byte[] payload) implements RpcFrame {
        /** Requires the payload. */
        public Reply {
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public byte[] encode() {
            return withId(REPLY, id, payload);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Reply other && id == other.id && Arrays.equals(payload, other.payload);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Reply[" + id + ", " + describe(payload) + "]";
        }
    }

    /**
     * The request with this id failed; the message is for the peer to show.
     *
     * @param id      the id of the request answered
     * @param message UTF-8 on the wire; invalid UTF-8 is decoded with replacement characters
     */
    record ErrorReply(long id, String message) implements RpcFrame {
        /** Requires the message. */
        public ErrorReply {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public byte[] encode() {
            return withId(ERROR, id, message.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The sender of the request with this id no longer wants an answer (it timed out or was
     * cancelled). The receiver sends none and may stop the work.
     *
     * @param id the id of the request cancelled
     */
    record Cancel(long id) implements RpcFrame {
        @Override
        public byte[] encode() {
            return withId(CANCEL, id, new byte[0]);
        }
    }

    /**
     * A fire-and-forget request: no id, never answered.
     *
     * @param payload the request's bytes, not copied
     */
    record Notification(byte[] payload) implements RpcFrame {
        /** Requires the payload. */
        public Notification {
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public byte[] encode() {
            return ByteBuffer.allocate(1 + payload.length).put(NOTIFICATION).put(payload).array();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Notification other && Arrays.equals(payload, other.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Notification[" + describe(payload) + "]";
        }
    }
}
