package io.jetring.flow;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte array that refuses to grow past a limit, for a body read into memory. Its first
 * array follows an announced length only up to {@link #FIRST_BUFFER_CAP}: a length is a claim, not
 * bytes received, and costs the peer nothing to make; beyond that it grows by doubling as bytes
 * arrive. For jetring's modules, not applications.
 */
public final class BoundedBuffer {
    /** The largest first array, whatever length is announced. */
    public static final int FIRST_BUFFER_CAP = 16 * 1024;
    private static final int UNKNOWN_LENGTH_CAPACITY = 1024;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final long limit;
    private byte[] buffer;
    private int size;

    /** A buffer for at most {@code limit} bytes; {@code announcedLength} is {@code -1} if unknown. */
    public BoundedBuffer(long limit, long announcedLength) {
        this.limit = limit;
        long first = announcedLength < 0 ? UNKNOWN_LENGTH_CAPACITY : Math.min(announcedLength, FIRST_BUFFER_CAP);
        this.buffer = new byte[(int) Math.max(0, Math.min(first, limit))];
    }

    /** Appends what remains of {@code bytes}; false, appending nothing, if that would pass the limit. */
    public boolean append(ByteBuffer bytes) {
        int n = bytes.remaining();
        if (!ensure(n)) {
            return false;
        }
        bytes.get(buffer, size, n);
        size += n;
        return true;
    }

    /** Appends {@code bytes}; false, appending nothing, if that would pass the limit. */
    public boolean append(byte[] bytes) {
        int n = bytes.length;
        if (!ensure(n)) {
            return false;
        }
        System.arraycopy(bytes, 0, buffer, size, n);
        size += n;
        return true;
    }

    private boolean ensure(int n) {
        long needed = size + (long) n;
        if (needed > limit || needed > MAX_ARRAY) {
            return false;
        }
        if (needed > buffer.length) {
            long grown = Math.max(needed, buffer.length * 2L);
            buffer = Arrays.copyOf(buffer, (int) Math.min(Math.min(limit, MAX_ARRAY), grown));
        }
        return true;
    }

    /** The bytes appended so far (the array itself when it is exactly full). */
    public byte[] toByteArray() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    /** The bytes appended so far. */
    public int size() {
        return size;
    }

    /** The length of the array held now: what this buffer costs. */
    public int capacity() {
        return buffer.length;
    }
}
