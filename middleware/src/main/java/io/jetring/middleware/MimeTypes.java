package io.jetring.middleware;

import io.jetring.api.InvalidArgumentException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Content types by file extension, immutable. {@link #defaults()} knows the types the web serves
 * today ({@code .mjs}, {@code .wasm}, {@code .woff2}, {@code .webp}, {@code .avif}, {@code .svg},
 * {@code .json}, …) and gives text types {@code charset=utf-8}; {@link #with} adds or replaces one.
 * Extensions compare without regard to case.
 */
public final class MimeTypes {
    private static final String UTF8 = ";charset=utf-8";
    private static final MimeTypes DEFAULTS = new MimeTypes(defaultTable());

    private final Map<String, String> byExtension;

    private MimeTypes(Map<String, String> byExtension) {
        this.byExtension = Map.copyOf(byExtension);
    }

    /** The built-in table. */
    public static MimeTypes defaults() {
        return DEFAULTS;
    }

    /** No types at all: every file is {@code application/octet-stream} until {@link #with} adds some. */
    public static MimeTypes empty() {
        return new MimeTypes(Map.of());
    }

    /**
     * This table with {@code extension} (without the dot, such as {@code "glb"}) mapped to
     * {@code contentType}, as sent (add {@code ;charset=utf-8} for text yourself).
     */
    public MimeTypes with(String extension, String contentType) {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(contentType, "contentType");
        if (extension.isEmpty() || extension.startsWith(".") || extension.contains("/")) {
            throw InvalidArgumentException.of("extension", "\"" + extension + "\"", "a file extension without the dot, such as glb");
        }
        if (!contentType.contains("/") || contentType.isBlank()) {
            throw InvalidArgumentException.of("contentType", "\"" + contentType + "\"", "a media type such as model/gltf-binary");
        }
        Map<String, String> copy = new HashMap<>(byExtension);
        copy.put(extension.toLowerCase(Locale.ROOT), contentType);
        return new MimeTypes(copy);
    }

    /** The type of a file named {@code fileName}, from its last extension; empty if unknown. */
    public Optional<String> typeOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(byExtension.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    /** The type of a file named {@code fileName}, or {@code application/octet-stream}. */
    public String typeOrDefault(String fileName) {
        return typeOf(fileName).orElse("application/octet-stream");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MimeTypes other && byExtension.equals(other.byExtension);
    }

    @Override
    public int hashCode() {
        return byExtension.hashCode();
    }

    @Override
    public String toString() {
        return "MimeTypes[" + byExtension.size() + " extensions]";
    }

    private static Map<String, String> defaultTable() {
        Map<String, String> t = new HashMap<>();
        // Text: sent with charset=utf-8, the encoding of the modern web (and the only one of JS modules).
        for (String[] e : new String[][] {
            {"html", "text/html"}, {"htm", "text/html"}, {"css", "text/css"}, {"js", "text/javascript"},
            {"mjs", "text/javascript"}, {"cjs", "text/javascript"}, {"txt", "text/plain"}, {"text", "text/plain"},
            {"md", "text/markdown"}, {"csv", "text/csv"}, {"tsv", "text/tab-separated-values"},
            {"xml", "application/xml"}, {"xsl", "application/xml"}, {"json", "application/json"},
            {"map", "application/json"}, {"jsonld", "application/ld+json"},
            {"webmanifest", "application/manifest+json"}, {"geojson", "application/geo+json"},
            {"svg", "image/svg+xml"}, {"ics", "text/calendar"}, {"vtt", "text/vtt"}, {"yaml", "application/yaml"},
            {"yml", "application/yaml"}, {"toml", "application/toml"}, {"rss", "application/rss+xml"},
            {"atom", "application/atom+xml"}, {"xhtml", "application/xhtml+xml"},
        }) {
            t.put(e[0], e[1] + UTF8);
        }
        for (String[] e : new String[][] {
            {"wasm", "application/wasm"}, {"pdf", "application/pdf"}, {"zip", "application/zip"},
            {"gz", "application/gzip"}, {"tgz", "application/gzip"}, {"br", "application/x-brotli"},
            {"zst", "application/zstd"}, {"tar", "application/x-tar"}, {"7z", "application/x-7z-compressed"},
            {"bin", "application/octet-stream"}, {"jar", "application/java-archive"},
            {"png", "image/png"}, {"apng", "image/apng"}, {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"},
            {"gif", "image/gif"}, {"webp", "image/webp"}, {"avif", "image/avif"}, {"ico", "image/x-icon"},
            {"bmp", "image/bmp"}, {"tif", "image/tiff"}, {"tiff", "image/tiff"}, {"jxl", "image/jxl"},
            {"heic", "image/heic"}, {"woff", "font/woff"}, {"woff2", "font/woff2"}, {"ttf", "font/ttf"},
            {"otf", "font/otf"}, {"eot", "application/vnd.ms-fontobject"},
            {"mp4", "video/mp4"}, {"m4v", "video/mp4"}, {"webm", "video/webm"}, {"ogv", "video/ogg"},
            {"mov", "video/quicktime"}, {"mp3", "audio/mpeg"}, {"m4a", "audio/mp4"}, {"aac", "audio/aac"},
            {"ogg", "audio/ogg"}, {"oga", "audio/ogg"}, {"opus", "audio/ogg"}, {"wav", "audio/wav"},
            {"flac", "audio/flac"}, {"weba", "audio/webm"}, {"m3u8", "application/vnd.apple.mpegurl"},
            {"glb", "model/gltf-binary"}, {"gltf", "model/gltf+json"},
        }) {
            t.put(e[0], e[1]);
        }
        return t;
    }
}
