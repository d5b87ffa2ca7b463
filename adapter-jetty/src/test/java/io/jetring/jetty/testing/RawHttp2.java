package io.jetring.jetty.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.hpack.HpackDecoder;

/**
 * An HTTP/2 client in clear text (prior knowledge) written by hand on a plain socket, for the tests
 * that must send what a real client never would: connection-specific headers, a zero flow-control
 * window, oversized header blocks. Header blocks are HPACK literals without indexing or Huffman
 * coding, so that what is written is what the test wrote; the server's blocks are decoded with
 * Jetty's decoder. Every read is bounded by a timeout.
 */
public final class RawHttp2 implements AutoCloseable {
    /** Frame types of RFC 9113. */
    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int CONTINUATION = 0x9;
    /** Flags. */
    public static final int END_STREAM = 0x1;
    public static final int ACK = 0x1;
    public static final int END_HEADERS = 0x4;
    /** Settings identifiers. */
    public static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
    public static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final HpackDecoder decoder = new HpackDecoder(1024 * 1024, System::nanoTime);

    /** A frame as read from the server. */
    public record Frame(int type, int flags, int streamId, byte[] payload) {
        /** Whether {@code flag} is set. */
        public boolean has(int flag) {
            return (flags & flag) != 0;
        }

        /** The error code of a RST_STREAM or GOAWAY frame. */
        public int errorCode() {
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            return type == GOAWAY ? buffer.getInt(4) : buffer.getInt(0);
        }

        /** The settings of a SETTINGS frame, by identifier. */
        public Map<Integer, Integer> settings() {
            Map<Integer, Integer> settings = new LinkedHashMap<>();
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            while (buffer.remaining() >= 6) {
                settings.put(buffer.getShort() & 0xFFFF, buffer.getInt());
            }
            return settings;
        }
    }

    /** A response as read from one stream: its status, headers (lower-case names) and body. */
    public record Response(int status, List<HttpField> headers, byte[] body) {
        /** The first value of {@code name}, or null. */
        public String header(String name) {
            return headers.stream().filter(f -> f.getName().equalsIgnoreCase(name)).map(HttpField::getValue)
                    .findFirst().orElse(null);
        }
    }

    private RawHttp2(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to the server at {@code base} with a 10 s read timeout, and sends the preface and a
     * SETTINGS frame with {@code settings} (identifier, value, identifier, value, …).
     */
    public static RawHttp2 connect(URI base, int... settings) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        RawHttp2 h2 = new RawHttp2(socket);
        ByteBuffer payload = ByteBuffer.allocate(settings.length * 3);
        for (int i = 0; i + 1 < settings.length; i += 2) {
            payload.putShort((short) settings[i]).putInt(settings[i + 1]);
        }
        h2.out.write(PREFACE);
        h2.frame(SETTINGS, 0, 0, payload.array());
        return h2;
    }

    /** Writes one frame. */
    public RawHttp2 frame(int type, int flags, int streamId, byte[] payload) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(9);
        head.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length)
                .put((byte) type).put((byte) flags).putInt(streamId);
        out.write(head.array());
        out.write(payload);
        out.flush();
        return this;
    }

    /**
     * Opens stream {@code streamId} with a request: {@code GET}-like pseudo-headers from
     * {@code method} and {@code path}, then {@code fields} (name, value, name, value, …) as given.
     */
    public RawHttp2 request(int streamId, String method, String path, boolean endStream, String... fields) throws IOException {
        List<String> all = new ArrayList<>(List.of(":method", method, ":scheme", "http", ":authority",
                socket.getInetAddress().getHostAddress() + ":" + socket.getPort(), ":path", path));
        all.addAll(List.of(fields));
        return frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), streamId, block(all.toArray(String[]::new)));
    }

    /** An HPACK block of literal fields without indexing and without Huffman coding. */
    public static byte[] block(String... fields) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            block.write(0x00);
            string(block, fields[i].getBytes(StandardCharsets.ISO_8859_1));
            string(block, fields[i + 1].getBytes(StandardCharsets.ISO_8859_1));
        }
        return block.toByteArray();
    }

    private static void string(ByteArrayOutputStream block, byte[] bytes) {
        // An HPACK integer with a 7-bit prefix (the high bit, Huffman, stays clear).
        int length = bytes.length;
        if (length < 127) {
            block.write(length);
        } else {
            block.write(127);
            length -= 127;
            while (length >= 128) {
                block.write((length & 0x7F) | 0x80);
                length >>>= 7;
            }
            block.write(length);
        }
        block.writeBytes(bytes);
    }

    /** Acknowledges the server's settings. */
    public RawHttp2 ackSettings() throws IOException {
        return frame(SETTINGS, ACK, 0, new byte[0]);
    }

    /** Reads the next frame, waiting up to the read timeout; decodes nothing. */
    public Frame read() throws IOException {
        int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int streamId = in.readInt() & 0x7FFFFFFF;
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(type, flags, streamId, payload);
    }

    /**
     * Reads frames until stream {@code streamId} has ended (END_STREAM or RST_STREAM) or the
     * connection has (GOAWAY), decoding every header block on the way to keep the HPACK context in
     * step; returns the stream's response. Throws if the stream was reset or the connection went away
     * before the response began.
     */
    public Response response(int streamId) throws IOException {
        MetaData.Response head = null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            Frame frame = read();
            if (frame.type() == HEADERS) {
                MetaData decoded = decode(frame.payload());
                if (frame.streamId() == streamId && head == null) {
                    head = (MetaData.Response) decoded;
                }
            } else if (frame.type() == DATA && frame.streamId() == streamId) {
                body.writeBytes(frame.payload());
            } else if (frame.type() == RST_STREAM && frame.streamId() == streamId) {
                throw new IOException("stream " + streamId + " reset with error " + frame.errorCode());
            } else if (frame.type() == GOAWAY) {
                throw new IOException("GOAWAY with error " + frame.errorCode() + " before stream " + streamId + " ended");
            } else if (frame.type() == SETTINGS && !frame.has(ACK)) {
                ackSettings();
            }
            if (frame.streamId() == streamId && frame.has(END_STREAM) && (frame.type() == HEADERS || frame.type() == DATA)) {
                if (head == null) {
                    throw new IOException("stream " + streamId + " ended without a response head");
                }
                List<HttpField> fields = new ArrayList<>();
                head.getHttpFields().forEach(fields::add);
                return new Response(head.getStatus(), fields, body.toByteArray());
            }
        }
    }

    /** Reads frames until one of {@code type} arrives (acknowledging settings on the way); returns it. */
    public Frame await(int type) throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.type() == HEADERS) {
                decode(frame.payload());
            }
            if (frame.type() == type) {
                return frame;
            }
            if (frame.type() == SETTINGS && !frame.has(ACK)) {
                ackSettings();
            }
        }
    }

    private MetaData decode(byte[] block) throws IOException {
        try {
            return decoder.decode(ByteBuffer.wrap(block));
        } catch (Exception e) {
            throw new IOException("undecodable header block: " + e, e);
        }
    }

    /** Whether the server closed the connection: true on EOF or reset, false if still open after the read timeout. */
    public boolean awaitEof() throws IOException {
        try {
            while (in.read() >= 0) {
                // discard what is still in flight
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** The underlying socket. */
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
