package io.jetring.middleware;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the zstd format (RFC 8878) with zstd-jni: a stream chunk by chunk, each chunk flushed (a
 * block end the client can decode at once) when asked. Levels 1..19 keep the window at most 8 MiB,
 * what RFC 8878 section 3 asks of HTTP senders and browsers accept.
 */
final class ZstdEncoder implements Encoder {
    private static final byte[] NONE = {};

    private final Output out = new Output();
    private ZstdOutputStreamNoFinalizer zstd;

    ZstdEncoder(int level) {
        try {
            this.zstd = new ZstdOutputStreamNoFinalizer(out, level);
        } catch (IOException e) {
            throw new UncheckedIOException("zstd: could not start a stream at level " + level, e);
        }
    }

    /** The whole of {@code bytes} as one zstd frame, its size in the header. */
    static byte[] compress(byte[] bytes, int level) {
        return Zstd.compress(bytes, level);
    }

    @Override
    public synchronized byte[] chunk(byte[] bytes, int off, int len, boolean flush, boolean last) {
        if (zstd == null) {
            throw new IllegalStateException("zstd encoder: released");
        }
        try {
            if (len > 0) {
                zstd.write(bytes, off, len);
            }
            if (last) {
                zstd.close();
                zstd = null;
            } else if (flush) {
                zstd.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("zstd: " + e.getMessage(), e);
        }
        return out.take();
    }

    @Override
    public synchronized void release() {
        if (zstd != null) {
            try {
                zstd.close();
            } catch (IOException ignored) {
                // Only the native context is wanted back; the output is dropped.
            }
            zstd = null;
        }
    }

    /** Collects what the stream writes between two chunks. */
    private static final class Output extends ByteArrayOutputStream {
        byte[] take() {
            if (count == 0) {
                return NONE;
            }
            byte[] taken = toByteArray();
            reset();
            return taken;
        }
    }
}
