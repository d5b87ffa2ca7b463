package io.jetring.middleware;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Compression} compresses: one immutable value, {@link #defaults()} then {@code with…}.
 * zstd needs {@code com.github.luben:zstd-jni} on the class path (an optional dependency of this
 * module); without it, asking for zstd fails here, at once.
 *
 * <table>
 *   <caption>Compression options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>minSize</td><td>1 KiB</td><td>a body of known length below this is sent as it is;
 *       streams are always compressed</td></tr>
 *   <tr><td>contentTypes</td><td>{@link #DEFAULT_TYPES}: text, JSON, JavaScript, XML, SVG, WebAssembly,
 *       event streams, …</td><td>the types compressed: {@code type/subtype}, {@code type/*}, or a
 *       structured suffix {@code +json}; nothing already compressed (images, fonts in WOFF, video,
 *       archives) is in the default list</td></tr>
 *   <tr><td>encodings</td><td>{@code [gzip]}</td><td>the content codings sent, {@code gzip} and
 *       {@code zstd}, in the server's order of preference: the client's {@code Accept-Encoding}
 *       q-values decide, and of equal ones the first listed here wins</td></tr>
 *   <tr><td>level</td><td>6</td><td>gzip's level: 1 (fastest) .. 9 (smallest), zlib's levels</td></tr>
 *   <tr><td>zstdLevel</td><td>3</td><td>zstd's level: 1 (fastest) .. 19 (smallest); every one keeps
 *       the window within the 8 MiB that browsers accept</td></tr>
 *   <tr><td>inflateRequests</td><td>true</td><td>inflate request bodies sent with
 *       {@code Content-Encoding: gzip}; another coding gets {@code 415}</td></tr>
 *   <tr><td>maxInflatedSize</td><td>the request body limit</td><td>the most bytes a request body may
 *       inflate to, read in any way; more is {@code 413}</td></tr>
 * </table>
 *
 * @param minSize         bodies of known length below this are not compressed
 * @param contentTypes    the media types compressed (lower case)
 * @param level           the deflate level, 1..9
 * @param zstdLevel       the zstd level, 1..19
 * @param encodings       the codings sent, in order of preference: {@code gzip}, {@code zstd}
 * @param inflateRequests whether gzip request bodies are inflated for the handler
 * @param maxInflatedSize the most an inflated request body may hold; empty: the body's own limit
 *                        (the server's {@code maxBodySize})
 */
public record CompressionOptions(DataSize minSize, List<String> contentTypes, int level, boolean inflateRequests,
        Optional<DataSize> maxInflatedSize, int zstdLevel, List<String> encodings) {

    /** The types compressed by default: text and the structured text formats of the web. */
    public static final List<String> DEFAULT_TYPES = List.of("text/*", "application/json", "application/javascript",
            "application/xml", "application/wasm", "image/svg+xml", "application/x-ndjson", "application/yaml",
            "application/toml", "application/graphql-response+json", "+json", "+xml", "font/ttf", "font/otf",
            "image/x-icon", "image/bmp", "application/vnd.ms-fontobject");

    // Before DEFAULTS: its construction checks against them.
    private static final List<String> CODINGS = List.of("gzip", "zstd");
    private static final boolean ZSTD_PRESENT = present("com.github.luben.zstd.ZstdOutputStreamNoFinalizer");
    private static final CompressionOptions DEFAULTS = new CompressionOptions(DataSize.ofKibibytes(1), DEFAULT_TYPES,
            6, true, Optional.empty(), 3, List.of("gzip"));

    /** Checks every rule; the message names the first option that breaks one. */
    public CompressionOptions {
        Objects.requireNonNull(minSize, "minSize");
        Objects.requireNonNull(maxInflatedSize, "maxInflatedSize");
        contentTypes = List.copyOf(contentTypes);
        for (String type : contentTypes) {
            boolean suffix = type.startsWith("+") && type.length() > 1 && !type.contains("/");
            int slash = type.indexOf('/');
            boolean media = slash > 0 && slash < type.length() - 1 && type.indexOf('/', slash + 1) < 0;
            if (!(suffix || media) || !type.equals(type.toLowerCase(Locale.ROOT)) || type.contains(";")) {
                throw InvalidOptionException.of("contentTypes", "\"" + type + "\"",
                        "lower-case media types without parameters: text/html, text/*, or +json");
            }
        }
        if (level < 1 || level > 9) {
            throw InvalidOptionException.of("level", level, "1..9");
        }
        if (zstdLevel < 1 || zstdLevel > 19) {
            throw InvalidOptionException.of("zstdLevel", zstdLevel, "1..19");
        }
        encodings = List.copyOf(Objects.requireNonNull(encodings, "encodings"));
        if (encodings.isEmpty() || !CODINGS.containsAll(encodings) || encodings.stream().distinct().count() < encodings.size()) {
            throw InvalidOptionException.of("encodings", encodings, "gzip and/or zstd, each once, in order of preference");
        }
        if (encodings.contains("zstd") && !ZSTD_PRESENT) {
            throw InvalidOptionException.of("encodings", encodings,
                    "gzip only, or com.github.luben:zstd-jni on the class path for zstd");
        }
        maxInflatedSize.ifPresent(size -> {
            if (size.bytes() < 1) {
                throw InvalidOptionException.of("maxInflatedSize", size, "at least 1 byte");
            }
        });
    }

    /** The defaults of the table above. */
    public static CompressionOptions defaults() {
        return DEFAULTS;
    }

    /** With this minimum size. */
    public CompressionOptions withMinSize(DataSize minSize) {
        return new CompressionOptions(minSize, contentTypes, level, inflateRequests, maxInflatedSize, zstdLevel, encodings);
    }

    /** With these types compressed (instead of the defaults). */
    public CompressionOptions withContentTypes(List<String> contentTypes) {
        return new CompressionOptions(minSize, contentTypes, level, inflateRequests, maxInflatedSize, zstdLevel, encodings);
    }

    /** With this deflate level. */
    public CompressionOptions withLevel(int level) {
        return new CompressionOptions(minSize, contentTypes, level, inflateRequests, maxInflatedSize, zstdLevel, encodings);
    }

    /** With or without inflating gzip request bodies. */
    public CompressionOptions withInflateRequests(boolean inflateRequests) {
        return new CompressionOptions(minSize, contentTypes, level, inflateRequests, maxInflatedSize, zstdLevel, encodings);
    }

    /** With inflated request bodies limited to {@code maxInflatedSize}. */
    public CompressionOptions withMaxInflatedSize(DataSize maxInflatedSize) {
        return new CompressionOptions(minSize, contentTypes, level, inflateRequests, Optional.of(maxInflatedSize), zstdLevel,
                encodings);
    }

    /** With this zstd level. */
    public CompressionOptions withZstdLevel(int zstdLevel) {
        return new CompressionOptions(minSize, contentTypes, level, inflateRequests, maxInflatedSize, zstdLevel, encodings);
    }

    /**
     * With these codings, in order of preference: {@code List.of("zstd", "gzip")} sends zstd to
     * clients that accept it and gzip to the others.
     */
    public CompressionOptions withEncodings(List<String> encodings) {
        return new CompressionOptions(minSize, contentTypes, level, inflateRequests, maxInflatedSize, zstdLevel, encodings);
    }

    /** Whether a response of this {@code Content-Type} is compressed. */
    boolean compresses(String contentType) {
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        int plus = type.lastIndexOf('+');
        for (String allowed : contentTypes) {
            if (allowed.equals(type)
                    || allowed.endsWith("/*") && type.regionMatches(0, allowed, 0, allowed.length() - 1)
                    || allowed.startsWith("+") && plus > slash && type.substring(plus).equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, CompressionOptions.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
