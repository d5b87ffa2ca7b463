package io.jetring.middleware;

/**
 * A content coding {@link Compression} can send: its token in {@code Accept-Encoding} and
 * {@code Content-Encoding}, a whole body at once, and a stream chunk by chunk.
 */
abstract class ContentCoding {
    private final String token;

    ContentCoding(String token) {
        this.token = token;
    }

    /** The coding for {@code token} ({@code gzip} or {@code zstd}) as {@code options} configure it. */
    static ContentCoding of(String token, CompressionOptions options) {
        return token.equals("zstd") ? new Zstd(options.zstdLevel()) : new Gzip(options.level());
    }

    /** The token, lower case. */
    final String token() {
        return token;
    }

    /** The whole of {@code bytes} compressed. */
    abstract byte[] compress(byte[] bytes);

    /** A new stream. */
    abstract Encoder encoder();

    /** gzip (RFC 1952) with the JDK's deflater, pooled. */
    static final class Gzip extends ContentCoding {
        private final GzipEncoder.Pool deflaters;

        Gzip(int level) {
            super("gzip");
            this.deflaters = new GzipEncoder.Pool(level);
        }

        @Override
        byte[] compress(byte[] bytes) {
            return GzipEncoder.compress(deflaters, bytes, 0, bytes.length);
        }

        @Override
        Encoder encoder() {
            return new GzipEncoder(deflaters);
        }
    }

    /** zstd (RFC 8878) through zstd-jni, loaded only when this coding is configured. */
    static final class Zstd extends ContentCoding {
        private final int level;

        Zstd(int level) {
            super("zstd");
            this.level = level;
        }

        @Override
        byte[] compress(byte[] bytes) {
            return ZstdEncoder.compress(bytes, level);
        }

        @Override
        Encoder encoder() {
            return new ZstdEncoder(level);
        }
    }
}
