package io.jetring.middleware;

import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How {@link StaticFiles} serves: one immutable value, {@link #defaults()} then {@code with…}.
 *
 * <table>
 *   <caption>Static file options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>indexFile</td><td>{@code index.html}</td><td>served for a directory; empty: none</td></tr>
 *   <tr><td>cacheControl</td><td>{@code no-cache}</td><td>{@code Cache-Control} of every file: a cache
 *       keeps it but asks again each time, cheap with {@code 304}</td></tr>
 *   <tr><td>immutableNames</td><td>none</td><td>a regular expression; file names it matches whole are
 *       fingerprinted (their content never changes under that name) and get
 *       {@code public, max-age=31536000, immutable}</td></tr>
 *   <tr><td>precompressed</td><td>true</td><td>serve {@code name.br}, {@code name.zst} or
 *       {@code name.gz} beside the file when the client accepts that encoding (the highest q-value;
 *       of equal ones in that order)</td></tr>
 *   <tr><td>hiddenFiles</td><td>false</td><td>serve names that start with a dot
 *       ({@code .well-known} always is)</td></tr>
 *   <tr><td>mimeTypes</td><td>{@link MimeTypes#defaults()}</td><td>content types by extension</td></tr>
 *   <tr><td>maxRanges</td><td>16</td><td>1..1000; a {@code Range} asking for more parts (after merging
 *       overlaps) is ignored and the whole file sent</td></tr>
 *   <tr><td>maxCachedFileSize</td><td>1 MiB</td><td>files up to this size are kept in memory;
 *       {@code 0}: no cache</td></tr>
 *   <tr><td>cacheSize</td><td>64 MiB</td><td>the most bytes the memory cache holds</td></tr>
 *   <tr><td>revalidateAfter</td><td>1 s</td><td>a cached file's attributes are read again after this
 *       long, so a changed file is served within it</td></tr>
 * </table>
 *
 * @param indexFile         the file served for a directory request ({@code /docs/}); empty for none
 * @param cacheControl      the {@code Cache-Control} of files that are not fingerprinted
 * @param immutableNames    a regular expression for fingerprinted file names, such as
 *                          {@code .*\.[0-9a-f]{8,}\.(js|css)}; empty for none
 * @param precompressed     whether {@code .br}/{@code .zst}/{@code .gz} siblings are served to clients that accept them
 * @param hiddenFiles       whether names starting with a dot are served
 * @param mimeTypes         the content types
 * @param maxRanges         the most parts a range request may get
 * @param maxCachedFileSize the largest file kept in memory; zero turns the cache off
 * @param cacheSize         the most bytes kept in memory in all
 * @param revalidateAfter   how long a cached file is served before its attributes are read again
 */
public record StaticFileOptions(
        Optional<String> indexFile,
        String cacheControl,
        Optional<String> immutableNames,
        boolean precompressed,
        boolean hiddenFiles,
        MimeTypes mimeTypes,
        int maxRanges,
        DataSize maxCachedFileSize,
        DataSize cacheSize,
        Duration revalidateAfter) {

    /** The {@code Cache-Control} of fingerprinted files: a year, never revalidated. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private static final StaticFileOptions DEFAULTS = new StaticFileOptions(Optional.of("index.html"), "no-cache",
            Optional.empty(), true, false, MimeTypes.defaults(), 16, DataSize.ofMebibytes(1), DataSize.ofMebibytes(64),
            Duration.ofSeconds(1));

    /** Checks every rule; the message names the first option that breaks one. */
    public StaticFileOptions {
        Objects.requireNonNull(indexFile, "indexFile");
        Objects.requireNonNull(cacheControl, "cacheControl");
        Objects.requireNonNull(immutableNames, "immutableNames");
        Objects.requireNonNull(mimeTypes, "mimeTypes");
        Objects.requireNonNull(maxCachedFileSize, "maxCachedFileSize");
        Objects.requireNonNull(cacheSize, "cacheSize");
        Objects.requireNonNull(revalidateAfter, "revalidateAfter");
        indexFile.ifPresent(name -> {
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
                throw InvalidOptionException.of("indexFile", "\"" + name + "\"", "a file name such as index.html");
            }
        });
        if (cacheControl.isBlank()) {
            throw InvalidOptionException.of("cacheControl", "\"" + cacheControl + "\"", "a Cache-Control value such as no-cache");
        }
        immutableNames.ifPresent(regex -> {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw InvalidOptionException.of("immutableNames", "\"" + regex + "\"", "a regular expression: " + e.getDescription());
            }
        });
        if (maxRanges < 1 || maxRanges > 1000) {
            throw InvalidOptionException.of("maxRanges", maxRanges, "1..1000");
        }
        if (maxCachedFileSize.bytes() > Integer.MAX_VALUE - 8) {
            throw InvalidOptionException.of("maxCachedFileSize", maxCachedFileSize, "at most 2 GiB");
        }
        if (cacheSize.compareTo(maxCachedFileSize) < 0) {
            throw InvalidOptionException.of("cacheSize", cacheSize, "at least maxCachedFileSize (" + maxCachedFileSize + ")");
        }
        if (revalidateAfter.isNegative()) {
            throw InvalidOptionException.of("revalidateAfter", revalidateAfter, "zero or positive");
        }
    }

    /** The defaults of the table above. */
    public static StaticFileOptions defaults() {
        return DEFAULTS;
    }

    /** With this index file. */
    public StaticFileOptions withIndexFile(String indexFile) {
        return new StaticFileOptions(Optional.of(indexFile), cacheControl, immutableNames, precompressed, hiddenFiles,
                mimeTypes, maxRanges, maxCachedFileSize, cacheSize, revalidateAfter);
    }

    /** With no index file: a directory is never served. */
    public StaticFileOptions withoutIndexFile() {
        return new StaticFileOptions(Optional.empty(), cacheControl, immutableNames, precompressed, hiddenFiles,
                mimeTypes, maxRanges, maxCachedFileSize, cacheSize, revalidateAfter);
    }

    /** With this {@code Cache-Control} for files that are not fingerprinted. */
    public StaticFileOptions withCacheControl(String cacheControl) {
        return new StaticFileOptions(indexFile, cacheControl, immutableNames, precompressed, hiddenFiles,
                mimeTypes, maxRanges, maxCachedFileSize, cacheSize, revalidateAfter);
    }

    /** With file names matching {@code regex} (the whole name) served as {@link #IMMUTABLE}. */
    public StaticFileOptions withImmutableNames(String regex) {
        return new StaticFileOptions(indexFile, cacheControl, Optional.of(regex), precompressed, hiddenFiles,
                mimeTypes, maxRanges, maxCachedFileSize, cacheSize, revalidateAfter);
    }

    /** With or without {@code .br}/{@code .gz} siblings. */
    public StaticFileOptions withPrecompressed(boolean precompressed) {
        return new StaticFileOptions(indexFile, cacheControl, immutableNames, precompressed, hiddenFiles,
                mimeTypes, maxRanges, maxCachedFileSize, cacheSize, revalidateAfter);
    }

    /** With or without names that start with a dot. */
    public StaticFileOptions withHiddenFiles(boolean hiddenFiles) {
        return new StaticFileOptions(indexFile, cacheControl, immutableNames, precompressed, hiddenFiles,
                mimeTypes, maxRanges, maxCachedFileSize, cacheSize, revalidateAfter);
    }

    /** With this type table. */
    public StaticFileOptions withMimeTypes(MimeTypes mimeTypes) {
        return new StaticFileOptions(indexFile, cacheControl, immutableNames, precompressed, hiddenFiles,
                mimeTypes, maxRanges, maxCachedFileSize, cacheSize, revalidateAfter);
    }

    /** With at most this many parts per range request. */
    public StaticFileOptions withMaxRanges(int maxRanges) {
        return new StaticFileOptions(indexFile, cacheControl, immutableNames, precompressed, hiddenFiles,
                mimeTypes, maxRanges, maxCachedFileSize, cacheSize, revalidateAfter);
    }

    /** With this memory cache: files up to {@code maxFileSize}, {@code totalSize} in all. */
    public StaticFileOptions withCache(DataSize maxFileSize, DataSize totalSize) {
        return new StaticFileOptions(indexFile, cacheControl, immutableNames, precompressed, hiddenFiles,
                mimeTypes, maxRanges, maxFileSize, totalSize, revalidateAfter);
    }

    /** Without the memory cache: each request reads the file's attributes and the file. */
    public StaticFileOptions withoutCache() {
        return withCache(DataSize.ofBytes(0), cacheSize);
    }

    /** With cached files revalidated after this long. */
    public StaticFileOptions withRevalidateAfter(Duration revalidateAfter) {
        return new StaticFileOptions(indexFile, cacheControl, immutableNames, precompressed, hiddenFiles,
                mimeTypes, maxRanges, maxCachedFileSize, cacheSize, revalidateAfter);
    }
}
