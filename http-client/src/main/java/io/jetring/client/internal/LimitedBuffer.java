package io.jetring.client.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable byte array that refuses to grow past a limit, so an aggregated body can never exceed it. */
final class LimitedBuffer {
    private static final int DEFAULT_CAPACITY = 1024;

    private final long limit;
    private byte[] buffer;
    private int size;

    /** A buffer for at most {@code limit} bytes, sized for {@code expectedLength} if it is known ({@code >= 0}). */
    LimitedBuffer(long limit, long expectedLength) {
        this.limit = limit;
        this.buffer = new byte[(int) Math.min(expectedLength < 0 ? DEFAULT_CAPACITY : expectedLength, limit)];
    }

    /** Appends what remains of {@code bytes}; false, appending nothing, if that would pass the limit. */
    boolean append(ByteBuffer bytes) {
        int n = bytes.remaining();
        if (size + (long) n > limit) {
            return false;
        }
        if (size + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(size + n, buffer.length * 2L)));
        }
        bytes.get(buffer, size, n);
        size += n;
        return true;
    }

    /** The bytes appended so far. */
    byte[] toByteArray() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }
}
