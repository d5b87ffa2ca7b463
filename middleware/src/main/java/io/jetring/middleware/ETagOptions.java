package io.jetring.middleware;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import java.util.Objects;

/**
 * How {@link ETags} tags responses: one immutable value, {@link #defaults()} then {@code with…}.
 *
 * <table>
 *   <caption>ETag options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>weak</td><td>false</td><td>send {@code W/"…"}: for bodies that are equivalent but not
 *       byte-for-byte stable</td></tr>
 *   <tr><td>maxHashedSize</td><td>1 MiB</td><td>larger bodies are not hashed (and get no tag)</td></tr>
 * </table>
 *
 * @param weak          whether the tags are weak
 * @param maxHashedSize the largest body hashed
 */
public record ETagOptions(boolean weak, DataSize maxHashedSize) {
    private static final ETagOptions DEFAULTS = new ETagOptions(false, DataSize.ofMebibytes(1));

    /** Checks every rule. */
    public ETagOptions {
        Objects.requireNonNull(maxHashedSize, "maxHashedSize");
        if (maxHashedSize.bytes() > Integer.MAX_VALUE - 8) {
            throw InvalidOptionException.of("maxHashedSize", maxHashedSize, "at most 2 GiB");
        }
    }

    /** The defaults of the table above. */
    public static ETagOptions defaults() {
        return DEFAULTS;
    }

    /** With weak or strong tags. */
    public ETagOptions withWeak(boolean weak) {
        return new ETagOptions(weak, maxHashedSize);
    }

    /** With bodies up to this size hashed. */
    public ETagOptions withMaxHashedSize(DataSize maxHashedSize) {
        return new ETagOptions(weak, maxHashedSize);
    }
}
