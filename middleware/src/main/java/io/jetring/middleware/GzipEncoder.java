package io.jetring.middleware;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes the gzip format (RFC 1952) with the JDK's {@link Deflater}: a whole body at once, or a
 * stream chunk by chunk, each chunk flushed ({@link Deflater#SYNC_FLUSH}) when asked, so that what
 * was given so far can be decompressed at once by the client. Not thread-safe: one stream, one
 * thread at a time. Deflaters (each holds native memory) are pooled per compression level.
 */
final class GzipEncoder implements Encoder {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int MAX_POOLED = 64;
    private static final byte[] NONE = {};

    private final Pool pool;
    private Deflater deflater;
    private final CRC32 crc = new CRC32();
    private long inputSize;
    private boolean headerWritten;
    private byte[] buffer = new byte[8192];

    GzipEncoder(Pool pool) {
        this.pool = pool;
        this.deflater = pool.take();
    }

    /** A pool of deflaters of one level. */
    static final class Pool {
        private final int level;
        private final ConcurrentLinkedQueue<Deflater> idle = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();

        Pool(int level) {
            this.level = level;
        }

        Deflater take() {
            Deflater d = idle.poll();
            if (d == null) {
                return new Deflater(level, true);
            }
            size.decrementAndGet();
            return d;
        }

        void give(Deflater d) {
            d.reset();
            if (size.incrementAndGet() <= MAX_POOLED) {
                idle.offer(d);
            } else {
                size.decrementAndGet();
                d.end();
            }
        }
    }

    /** The whole of {@code bytes[off, off+len)} as one gzip member. */
    static byte[] compress(Pool pool, byte[] bytes, int off, int len) {
        GzipEncoder encoder = new GzipEncoder(pool);
        try {
            encoder.buffer = new byte[Math.max(64, len / 3 + 64)];
            return encoder.chunk(bytes, off, len, true, true);
        } finally {
            encoder.release();
        }
    }

    /**
     * The compressed bytes for the next chunk of input (with the header before the first):
     * {@code flush} makes everything given so far decodable; {@code last} ends the member with its
     * trailer, after which the encoder is spent.
     */
    @Override
    public synchronized byte[] chunk(byte[] bytes, int off, int len, boolean flush, boolean last) {
        if (deflater == null) {
            throw new IllegalStateException("gzip encoder: released");
        }
        int n = 0;
        if (!headerWritten) {
            System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
            n = HEADER.length;
            headerWritten = true;
        }
        if (len > 0) {
            crc.update(bytes, off, len);
            inputSize += len;
            deflater.setInput(bytes, off, len);
        }
        if (last) {
            deflater.finish();
            while (!deflater.finished()) {
                n = room(n);
                n += deflater.deflate(buffer, n, buffer.length - n);
            }
            n = room(n + 8) - 8;
            long value = crc.getValue();
            for (int i = 0; i < 4; i++) {
                buffer[n++] = (byte) (value >>> (8 * i));
            }
            for (int i = 0; i < 4; i++) {
                buffer[n++] = (byte) (inputSize >>> (8 * i));
            }
        } else {
            int mode = flush ? Deflater.SYNC_FLUSH : Deflater.NO_FLUSH;
            while (true) {
                n = room(n);
                int space = buffer.length - n;
                int written = deflater.deflate(buffer, n, space, mode);
                n += written;
                if (written < space && deflater.needsInput()) {
                    break;
                }
            }
        }
        return n == 0 ? NONE : Arrays.copyOf(buffer, n);
    }

    /**
     * Gives the deflater back; the encoder must not be used again. Idempotent, and safe against a
     * concurrent {@link #chunk} (a cancel from another thread): the deflater never serves two streams.
     */
    @Override
    public synchronized void release() {
        Deflater d = deflater;
        deflater = null;
        if (d != null) {
            pool.give(d);
        }
    }

    /** Makes room for at least a little more output after {@code n} bytes. */
    private int room(int n) {
        if (buffer.length - n < 64) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, n + 64));
        }
        return n;
    }
}
