package io.jetring.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain socket for the tests that must see exact bytes: malformed requests, truncated chunked
 * bodies, connections that vanish. Every read is bounded by a timeout.
 */
public final class RawHttp implements AutoCloseable {
    private static final int UPLOAD_PIECE = 16 * 1024;
    private final AtomicLong uploaded = new AtomicLong();
    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    /** Connects to the server at {@code base}, with a 10 s read timeout. */
    public static RawHttp connect(URI base) throws IOException {
        return connect(base, 0);
    }

    /**
     * Connects with a small receive buffer, to play a slow reader. The size is set before connecting:
     * shrinking it on an open connection stalls Linux TCP windows, with bare Jetty as much as with us.
     */
    public static RawHttp connect(URI base, int receiveBufferSize) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferSize > 0) {
            socket.setReceiveBufferSize(receiveBufferSize);
        }
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        return new RawHttp(socket);
    }

    /** Sends text as ISO-8859-1 bytes, exactly as given. */
    public RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends bytes exactly as given. */
    public RawHttp send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads until the server closes the connection; fails if that takes longer than the read timeout. */
    public String readUntilClose() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within the read timeout; read so far:\n"
                    + out.toString(StandardCharsets.ISO_8859_1), e);
        } catch (IOException reset) {
            // A reset after the data counts as a close: what was read is the answer.
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one response head (through the blank line) and returns it. */
    public String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed before the end of the response head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Reads exactly {@code n} bytes. */
    public byte[] readBytes(int n) throws IOException {
        return socket.getInputStream().readNBytes(n);
    }

    /**
     * Waits (up to 10 s) until connecting to {@code port} on the loopback address is refused: the
     * server has stopped accepting.
     */
    public static void awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (java.net.ConnectException refused) {
                return;
            } catch (IOException other) {
                // try again until the deadline
            }
            Thread.sleep(20);
        }
        throw new AssertionError("new connections still accepted 10 s after the stop began");
    }

    /**
     * Starts a {@code POST path} of {@code body} (with {@code Content-Length}) on a writer thread of
     * its own, through a 64 KiB send buffer, so that a server that stops reading stops the writer;
     * the latch opens when every byte is written.
     */
    public CountDownLatch postInBackground(String path, byte[] body) throws IOException {
        socket.setSendBufferSize(64 * 1024);
        CountDownLatch written = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                for (int at = 0; at < body.length; at += UPLOAD_PIECE) {
                    int n = Math.min(UPLOAD_PIECE, body.length - at);
                    out.write(body, at, n);
                    uploaded.addAndGet(n);
                }
                out.flush();
                written.countDown();
            } catch (IOException ignored) {
                // the caller's assertions report what went wrong
            }
        }, "raw-http-upload");
        writer.setDaemon(true);
        writer.start();
        return written;
    }

    /**
     * The body bytes {@link #postInBackground} has handed to the socket so far, once they stop
     * growing for {@code quiet} (the writer is blocked: the peer does not read), or all of them;
     * fails if they still grow after {@code max}.
     */
    public long awaitUploadStalled(Duration quiet, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long seen = uploaded.get();
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(20);
            long now = uploaded.get();
            if (now != seen) {
                seen = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= quiet.toNanos()) {
                return seen;
            }
        }
        throw new AssertionError("the upload kept going for " + max + " (" + seen + " bytes so far)");
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
