package io.jetring.api;

/**
 * An amount of data, in bytes. Every size limit in jetring takes this type, so the unit is never
 * hidden in a name.
 *
 * @param bytes the number of bytes, {@code >= 0}
 */
public record DataSize(long bytes) implements Comparable<DataSize> {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;

    /** Validates that the size is not negative. */
    public DataSize {
        if (bytes < 0) {
            throw InvalidArgumentException.of("size", bytes + " bytes", ">= 0 bytes");
        }
    }

    /** A size of {@code bytes} bytes. */
    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    /** A size of {@code kib} × 1024 bytes. */
    public static DataSize ofKibibytes(long kib) {
        return new DataSize(Math.multiplyExact(kib, KIB));
    }

    /** A size of {@code mib} × 1024 × 1024 bytes. */
    public static DataSize ofMebibytes(long mib) {
        return new DataSize(Math.multiplyExact(mib, MIB));
    }

    /** The size as an {@code int}, saturated at {@link Integer#MAX_VALUE}. */
    public int toIntBytes() {
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    @Override
    public int compareTo(DataSize other) {
        return Long.compare(bytes, other.bytes);
    }

    /** Human form: {@code 8 KiB}, {@code 10 MiB}, or {@code 1000 bytes} when not a whole unit. */
    @Override
    public String toString() {
        if (bytes >= GIB && bytes % GIB == 0) {
            return bytes / GIB + " GiB";
        }
        if (bytes >= MIB && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes >= KIB && bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return bytes + " bytes";
    }
}
