package io.jetring.middleware;

/**
 * One compressed stream of a content coding, chunk by chunk. Not thread-safe but for
 * {@link #release()}, which a cancel may call from another thread at any time.
 */
interface Encoder {

    /**
     * The compressed bytes for the next chunk of input: {@code flush} makes everything given so far
     * decodable by the client at once; {@code last} ends the stream, after which the encoder is spent.
     *
     * @throws IllegalStateException if the encoder was released
     */
    byte[] chunk(byte[] bytes, int off, int len, boolean flush, boolean last);

    /** Frees what the encoder holds (native memory); idempotent; the encoder must not be used again. */
    void release();
}
