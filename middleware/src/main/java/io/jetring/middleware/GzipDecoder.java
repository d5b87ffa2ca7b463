package io.jetring.middleware;

import io.jetring.api.BodyTooLargeException;
import io.jetring.api.DataSize;
import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Reads the gzip format (RFC 1952, one member or several in a row) fed chunk by chunk, without
 * blocking, and refuses to produce more than a limit: the defence against a decompression bomb,
 * which stops inflating as soon as the limit is passed rather than after. Not thread-safe.
 */
final class GzipDecoder {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final long limit;
    private final DataSize limitSize;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] window = new byte[16 * 1024];
    /** Bytes of a header or trailer not yet complete. */
    private byte[] pending = new byte[0];
    private boolean inHeader = true;
    private boolean inTrailer;
    private boolean anyMember;
    private long memberSize;
    private long total;

    GzipDecoder(DataSize limit) {
        this.limitSize = limit;
        this.limit = limit.bytes();
    }

    /**
     * The bytes that {@code chunk} inflates to (maybe none yet).
     *
     * @throws ZipException if the input is not gzip
     * @throws BodyTooLargeException once the output passes the limit
     */
    byte[] feed(byte[] chunk) throws ZipException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(64 * 1024, chunk.length * 4 + 16));
        byte[] input = concat(pending, chunk);
        pending = new byte[0];
        int pos = 0;
        while (pos < input.length) {
            if (inHeader) {
                int end = headerEnd(input, pos);
                if (end < 0) {
                    pending = java.util.Arrays.copyOfRange(input, pos, input.length);
                    return out.toByteArray();
                }
                pos = end;
                inHeader = false;
                anyMember = true;
                inflater.reset();
                crc.reset();
                memberSize = 0;
                continue;
            }
            if (inTrailer) {
                if (input.length - pos < 8) {
                    pending = java.util.Arrays.copyOfRange(input, pos, input.length);
                    return out.toByteArray();
                }
                long expectedCrc = le32(input, pos);
                long expectedSize = le32(input, pos + 4);
                if (expectedCrc != crc.getValue() || expectedSize != (memberSize & 0xffffffffL)) {
                    throw new ZipException("a gzip member's checksum or length does not match its data");
                }
                pos += 8;
                inTrailer = false;
                inHeader = true;
                continue;
            }
            inflater.setInput(input, pos, input.length - pos);
            try {
                while (true) {
                    int n = inflater.inflate(window);
                    if (n > 0) {
                        total += n;
                        if (total > limit) {
                            throw new BodyTooLargeException(limitSize);
                        }
                        crc.update(window, 0, n);
                        memberSize += n;
                        out.write(window, 0, n);
                        continue;
                    }
                    if (inflater.finished() || inflater.needsInput()) {
                        break;
                    }
                    if (inflater.needsDictionary()) {
                        throw new ZipException("a gzip member asks for a preset dictionary");
                    }
                }
            } catch (DataFormatException e) {
                throw new ZipException("bad deflate data: " + e.getMessage());
            }
            int consumed = input.length - pos - inflater.getRemaining();
            pos += consumed;
            if (inflater.finished()) {
                inTrailer = true;
            } else {
                return out.toByteArray();
            }
        }
        return out.toByteArray();
    }

    /** Checks that the input ended where a member ended. */
    void finish() throws ZipException {
        inflater.end();
        if (!anyMember || !inHeader || pending.length > 0) {
            throw new ZipException("the gzip data ends before its end");
        }
    }

    /** Frees the inflater's native memory; the decoder must not be fed again. */
    void release() {
        inflater.end();
    }

    /** Where the member header that starts at {@code pos} ends, or -1 if more bytes are needed. */
    private static int headerEnd(byte[] b, int pos) throws ZipException {
        if (b.length - pos < 10) {
            if (b.length - pos >= 1 && (b[pos] & 0xff) != 0x1f || b.length - pos >= 2 && (b[pos + 1] & 0xff) != 0x8b) {
                throw new ZipException("not gzip: wrong magic number");
            }
            return -1;
        }
        if ((b[pos] & 0xff) != 0x1f || (b[pos + 1] & 0xff) != 0x8b) {
            throw new ZipException("not gzip: wrong magic number");
        }
        if (b[pos + 2] != 8) {
            throw new ZipException("not gzip: compression method " + b[pos + 2] + " (expected: 8, deflate)");
        }
        int flags = b[pos + 3] & 0xff;
        int i = pos + 10;
        if ((flags & FEXTRA) != 0) {
            if (b.length - i < 2) {
                return -1;
            }
            i += 2 + ((b[i] & 0xff) | (b[i + 1] & 0xff) << 8);
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                while (i < b.length && b[i] != 0) {
                    i++;
                }
                if (i >= b.length) {
                    return -1;
                }
                i++;
            }
        }
        if ((flags & FHCRC) != 0) {
            i += 2;
        }
        return i <= b.length ? i : -1;
    }

    private static long le32(byte[] b, int i) {
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
