package io.jetring.middleware;

import io.jetring.api.Body;
import java.io.IOException;
import java.io.InputStream;

/**
 * A blocking stream of the compressed form (gzip or zstd) of another stream, each read of which is flushed (a stream
 * that trickles is sent as it trickles), or of a file, opened on first read (by the engine's reading
 * thread, not by the middleware) and compressed whole.
 */
final class EncodingStream extends InputStream {
    private final ContentCoding coding;
    /** Made on the first read: a stream never read (a response dropped) holds no encoder. */
    private Encoder encoder;
    private final Body.File file;
    private final boolean flushEach;
    private final byte[] buffer = new byte[16 * 1024];
    private InputStream in;
    private byte[] out = new byte[0];
    private int pos;
    private boolean ended;

    /** The compressed form of {@code in}, each read of it flushed. */
    EncodingStream(ContentCoding coding, InputStream in) {
        this.coding = coding;
        this.in = in;
        this.file = null;
        this.flushEach = true;
    }

    /** The compressed form of a file body, opened on first read and compressed without flushes. */
    EncodingStream(ContentCoding coding, Body.File file) {
        this.coding = coding;
        this.file = file;
        this.flushEach = false;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (pos == out.length) {
            if (ended) {
                return -1;
            }
            if (in == null) {
                in = file.open();
            }
            if (encoder == null) {
                encoder = coding.encoder();
            }
            int n = in.read(buffer);
            if (n < 0) {
                out = encoder.chunk(buffer, 0, 0, false, true);
                ended = true;
                encoder.release();
            } else {
                out = encoder.chunk(buffer, 0, n, flushEach, false);
            }
            pos = 0;
        }
        int n = Math.min(len, out.length - pos);
        System.arraycopy(out, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (encoder != null) {
            encoder.release();
        }
        ended = true;
        if (in != null) {
            in.close();
        }
    }
}
