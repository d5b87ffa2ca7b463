package io.jetring.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import io.jetring.api.ws.WebSocketListener;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Flow;

/**
 * A response body: one of eight closed variants, each written its own way (see {@code docs/SPEC.md}).
 * Build them with the {@code of} factories and take them apart with a {@code switch} or
 * {@code instanceof} pattern. Seven carry bytes; {@link Upgrade} turns the exchange into a WebSocket
 * (build it with {@link Response#websocket}).
 */
public sealed interface Body permits Body.Empty, Body.Bytes, Body.Buffer, Body.Text, Body.Stream, Body.File,
        Body.Publisher, Body.Upgrade {

    /** No body: {@code Content-Length: 0} where the status allows a body. */
    static Body empty() {
        return Empty.INSTANCE;
    }

    /** These bytes (not copied), with {@code Content-Length}. */
    static Body of(byte[] bytes) {
        return new Bytes(bytes);
    }

    /**
     * The bytes from this buffer's position to its limit, with {@code Content-Length}, never copied
     * where the engine can write the buffer itself (JetServer). The buffer is read through views and
     * never changed, so one buffer may serve many responses at once: an in-memory cache keeps a
     * direct buffer and answers every request with it. Do not change its content afterwards.
     */
    static Body of(ByteBuffer buffer) {
        return new Buffer(buffer);
    }

    /** This text in UTF-8, with {@code Content-Length}. */
    static Body of(String text) {
        return new Text(text, StandardCharsets.UTF_8);
    }

    /** This text in {@code charset}, with {@code Content-Length}. */
    static Body of(String text, Charset charset) {
        return new Text(text, charset);
    }

    /** Everything this stream yields, chunked; the server closes the stream when done or failed. */
    static Body of(InputStream stream) {
        return new Stream(stream);
    }

    /** The contents of this file, with {@code Content-Length}. */
    static Body of(Path file) {
        return new File(file);
    }

    /**
     * {@code length} bytes of this file from {@code offset} (a byte range), with
     * {@code Content-Length}.
     */
    static Body of(Path file, long offset, long length) {
        return new File(file, offset, OptionalLong.of(length));
    }

    /** The chunks this publisher emits, chunked, written with backpressure. */
    static Body of(Flow.Publisher<byte[]> publisher) {
        return new Publisher(publisher);
    }

    /** No body. Use {@link Body#empty()}. */
    record Empty() implements Body {
        private static final Empty INSTANCE = new Empty();
    }

    /**
     * A body of bytes. Equal to another iff the bytes are equal.
     *
     * @param bytes the bytes, not copied: do not change them after handing them over
     */
    record Bytes(byte[] bytes) implements Body {
        /** Requires the bytes. */
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Bytes[" + bytes.length + " bytes]";
        }
    }

    /**
     * A body of the bytes a buffer holds from its position to its limit, as it was when the body was
     * made; the body reads it through a read-only view, so neither it nor the engine ever moves the
     * caller's position. Equal to another iff the bytes are equal.
     *
     * @param buffer the bytes; {@link #buffer()} hands out a new read-only view each time
     */
    record Buffer(ByteBuffer buffer) implements Body {
        /** Requires the buffer; keeps a read-only view of its remaining bytes. */
        public Buffer {
            Objects.requireNonNull(buffer, "buffer");
            buffer = buffer.asReadOnlyBuffer().slice();
        }

        /** A new read-only view of the bytes, its own position at their start: read it freely. */
        @Override
        public ByteBuffer buffer() {
            return buffer.duplicate();
        }

        /** How many bytes. */
        public int length() {
            return buffer.remaining();
        }

        /** A copy of the bytes. */
        public byte[] toBytes() {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Buffer other && buffer.equals(other.buffer);
        }

        @Override
        public int hashCode() {
            return buffer.hashCode();
        }

        @Override
        public String toString() {
            return "Buffer[" + buffer.remaining() + " bytes" + (buffer.isDirect() ? ", direct]" : "]");
        }
    }

    /**
     * A body of text, encoded when written.
     *
     * @param text    the text
     * @param charset the encoding on the wire
     */
    record Text(String text, Charset charset) implements Body {
        /** Requires both fields. */
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(charset, "charset");
        }
    }

    /**
     * A body read from a blocking stream on a worker thread and sent chunked.
     *
     * @param stream the stream; the server closes it
     */
    record Stream(InputStream stream) implements Body {
        /** Requires the stream. */
        public Stream {
            Objects.requireNonNull(stream, "stream");
        }
    }

    /**
     * A body read from a file, or from a region of it, and sent with its length. The engine reads it
     * as it writes, from wherever the response is written: a file on a local disk is read without
     * waiting on the network, as a static file server does.
     *
     * @param path   the file; it must exist and be readable when the response is written
     * @param offset where the bytes start, {@code 0} for the whole file
     * @param length how many bytes to send; empty: up to the end of the file, whose size is read
     *               when the response is written
     */
    record File(Path path, long offset, OptionalLong length) implements Body {
        /** Requires the path, an offset of 0 or more and a length, if given, of 0 or more. */
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(length, "length");
            if (offset < 0) {
                throw InvalidArgumentException.of("offset", offset, "0 or more");
            }
            if (length.isPresent() && length.getAsLong() < 0) {
                throw InvalidArgumentException.of("length", length.getAsLong(), "0 or more");
            }
        }

        /** The whole file. */
        public File(Path path) {
            this(path, 0, OptionalLong.empty());
        }

        /**
         * How many bytes this body sends: the length, or the file's size past the offset (which reads
         * the file's attributes, so it may block).
         */
        public long size() throws IOException {
            return length.isPresent() ? length.getAsLong() : Math.max(0, Files.size(path) - offset);
        }

        /**
         * A blocking stream of exactly the bytes this body sends; it fails with an {@link java.io.EOFException}
         * if the file is shorter than the region. For engines and clients that copy through streams.
         */
        public InputStream open() throws IOException {
            long size = size();
            InputStream in = Files.newInputStream(path);
            try {
                in.skipNBytes(offset);
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
            return new FileRegionStream(in, size);
        }

        /** A file of the default file system: one an engine may hand to the operating system to send. */
        public boolean isLocal() {
            return path.getFileSystem() == FileSystems.getDefault();
        }
    }

    /**
     * A streamed body: each chunk is written before the next is requested; a failure mid-body aborts
     * the connection; a client that goes away cancels the subscription.
     *
     * @param publisher the source of chunks; subscribed to once
     */
    record Publisher(Flow.Publisher<byte[]> publisher) implements Body {
        /** Requires the publisher. */
        public Publisher {
            Objects.requireNonNull(publisher, "publisher");
        }
    }

    /**
     * Not bytes but a WebSocket: the exchange upgrades and {@code listener} gets the connection's
     * events (Ring 1.11's websocket response). Only in a {@code 101} response to a request that
     * {@link Request#isWebSocketUpgrade() asks for an upgrade}; see {@link Response#websocket}.
     *
     * @param listener    receives the events of the new WebSocket
     * @param subprotocol the subprotocol to answer with, one the client offered; empty for none
     */
    record Upgrade(WebSocketListener listener, Optional<String> subprotocol) implements Body {
        /** Requires both fields and a non-blank subprotocol. */
        public Upgrade {
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(subprotocol, "subprotocol");
            subprotocol.ifPresent(p -> {
                if (p.isBlank()) {
                    throw InvalidArgumentException.of("subprotocol", "\"" + p + "\"", "a protocol name the client offered");
                }
            });
        }
    }
}
