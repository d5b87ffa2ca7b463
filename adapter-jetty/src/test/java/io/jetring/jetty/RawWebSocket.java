package io.jetring.jetty;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written by hand on a plain socket, for tests that must send what a real client
 * never would: unmasked frames, invalid UTF-8, fragments split inside a character. Every read has a
 * timeout, so a test never hangs.
 */
public final class RawWebSocket implements AutoCloseable {
    /** Opcodes of RFC 6455. */
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;
    /** The RSV1 bit, to be or-ed into an opcode: the frame's payload is compressed (RFC 7692). */
    public static final int RSV1 = 0x40;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String handshakeResponse;

    /** A frame as read from the server. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        /** The payload as UTF-8 text. */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame; 1005 if it has none. */
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    private RawWebSocket(Socket socket, String handshakeResponse) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.handshakeResponse = handshakeResponse;
    }

    /** Connects to {@code port} and performs the opening handshake for {@code path}, with extra header lines. */
    public static RawWebSocket connect(int port, String path, String... headerLines) throws IOException {
        return connect(port, path, 0, headerLines);
    }

    /**
     * Connects with a receive buffer of {@code receiveBufferSize} bytes (0: the system's), set before
     * connecting so that the TCP window stays small: a peer that does not read stalls the server soon.
     */
    public static RawWebSocket connect(int port, String path, int receiveBufferSize, String... headerLines) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferSize > 0) {
            socket.setReceiveBufferSize(receiveBufferSize);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
        String response = readHead(socket);
        return new RawWebSocket(socket, response);
    }

    private static String readHead(Socket socket) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake: " + head);
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** The status line and headers the server answered the handshake with. */
    public String handshakeResponse() {
        return handshakeResponse;
    }

    /** Whether the server switched protocols. */
    public boolean upgraded() {
        return handshakeResponse.startsWith("HTTP/1.1 101");
    }

    /** Sends one masked frame. */
    public void send(boolean fin, int opcode, byte[] payload) throws IOException {
        send(fin, opcode, payload, true);
    }

    /** Sends one frame, masked or (against the rules for a client) not. */
    public void send(boolean fin, int opcode, byte[] payload, boolean masked) throws IOException {
        out.write(frame(fin, opcode, payload, masked));
        out.flush();
    }

    /** A frame's bytes as a client sends them. */
    public static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked) {
        ByteBuffer buffer = ByteBuffer.allocate(payload.length + 14);
        buffer.put((byte) ((fin ? 0x80 : 0) | opcode));
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            buffer.put((byte) (maskBit | payload.length));
        } else if (payload.length <= 0xFFFF) {
            buffer.put((byte) (maskBit | 126)).putShort((short) payload.length);
        } else {
            buffer.put((byte) (maskBit | 127)).putLong(payload.length);
        }
        if (masked) {
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            buffer.put(mask);
            for (int i = 0; i < payload.length; i++) {
                buffer.put((byte) (payload[i] ^ mask[i % 4]));
            }
        } else {
            buffer.put(payload);
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    /**
     * {@code data} compressed as one permessage-deflate message (RFC 7692 section 7.2.1): raw
     * DEFLATE, flushed, without the final {@code 00 00 FF FF}.
     */
    public static byte[] deflate(byte[] data) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, java.util.zip.Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        deflater.end();
        byte[] flushed = out.toByteArray();
        return java.util.Arrays.copyOf(flushed, flushed.length - 4);
    }

    /** Sends bytes as they are: several frames at once, or a frame cut anywhere. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a whole masked text message. */
    public void sendText(String text) throws IOException {
        send(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a close frame with this code. */
    public void sendClose(int code) throws IOException {
        send(true, CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
    }

    /** Reads the next frame, waiting up to 10 s. */
    public Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((b1 & 0x80) != 0) {
            throw new IOException("the server sent a masked frame");
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
    }

    /** Reads frames until a close frame, answering pings; returns its code. */
    public int readCloseCode() throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.opcode() == CLOSE) {
                return frame.closeCode();
            }
        }
    }

    /** Whether the server closed the TCP connection: true on EOF or reset, false if it is still open after 10 s. */
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

    /** The socket, for tests that tune it. */
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
