package io.jetring.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns values into payload bytes and back: the typed layer over the byte-level RPC. {@link #bytes()}
 * is the identity, {@link #utf8()} reads and writes text, {@link JsonCodec} reads and writes JSON
 * (Jackson) for a class or record. Use one in a {@link Pipeline} ({@code .map(codec::decode)},
 * {@code .reply(codec)}) and for calls ({@link RpcConnection#stub}).
 *
 * @param <T> the type of the values
 */
public interface Codec<T> {

    /** The bytes of {@code value}; throws {@link CodecException} if it cannot be written. */
    byte[] encode(T value);

    /** The value these bytes stand for; throws {@link CodecException} if they are not one. Never null. */
    T decode(byte[] bytes);

    /** The identity: payloads as they are (the arrays are not copied). */
    static Codec<byte[]> bytes() {
        return Codecs.BYTES;
    }

    /** Text as UTF-8; bytes that are not valid UTF-8 fail to decode. */
    static Codec<String> utf8() {
        return Codecs.UTF8;
    }

    /**
     * A codec from two functions. A {@link CodecException} they throw passes through; any other
     * exception from {@code decoder} becomes a {@code CodecException} named after {@code what}.
     */
    static <T> Codec<T> of(String what, Function<? super T, byte[]> encoder, Function<byte[], ? extends T> decoder) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(decoder, "decoder");
        return new Codec<>() {
            @Override
            public byte[] encode(T value) {
                return Objects.requireNonNull(encoder.apply(Objects.requireNonNull(value, "value")), "encoded bytes");
            }

            @Override
            public T decode(byte[] bytes) {
                T value;
                try {
                    value = decoder.apply(Objects.requireNonNull(bytes, "bytes"));
                } catch (CodecException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new CodecException("cannot decode " + what + " from " + bytes.length + " bytes", e);
                }
                if (value == null) {
                    throw new CodecException("cannot decode " + what + " from " + bytes.length + " bytes: no value");
                }
                return value;
            }

            @Override
            public String toString() {
                return "Codec[" + what + "]";
            }
        };
    }
}

/** The built-in codecs. */
final class Codecs {
    static final Codec<byte[]> BYTES = Codec.of("bytes", bytes -> bytes, bytes -> bytes);

    static final Codec<String> UTF8 = Codec.of("UTF-8 text", text -> text.getBytes(StandardCharsets.UTF_8), Codecs::strictUtf8);

    private Codecs() {
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("not valid UTF-8 text (" + bytes.length + " bytes)", e);
        }
    }
}
