package io.jetring.middleware;

import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Middleware;
import io.jetring.api.RingHandler;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Serves files from a directory or from the class path (also inside a jar), mounted at a path
 * prefix: Ring's {@code wrap-file} and {@code wrap-resource}.
 *
 * <p>A {@code GET} or {@code HEAD} under the prefix that names a file is answered with it; anything
 * else (another method, a path outside the prefix, a name that is not there, a name that is not a
 * safe file name) goes to the wrapped handler, which usually answers {@code 404}. A name is safe iff
 * each of its segments, percent-decoded once as UTF-8, is a plain file name: no {@code ..},
 * no encoded {@code /} or {@code \}, no NUL, no name starting with a dot (unless
 * {@link StaticFileOptions#hiddenFiles()}), and never through a symbolic link that leaves the root.
 *
 * <p>A file is sent with {@code Content-Type} (from {@link MimeTypes}), {@code ETag},
 * {@code Last-Modified}, {@code Cache-Control} and {@code Accept-Ranges: bytes}; conditional requests
 * get {@code 304} or {@code 412}, range requests {@code 206} (one range, or several as
 * {@code multipart/byteranges}) or {@code 416}; a directory gets its index file (a request for it
 * without the final slash is redirected there); a {@code .br} or {@code .gz} sibling is sent to a
 * client that accepts it. See {@link StaticFileOptions} for the defaults.
 *
 * <p>The middleware keeps the wrapped handler's form. Around an async handler it reads the file
 * system on {@code request.context().blockingExecutor()}, never on the calling thread, except for
 * a file its memory cache can answer without reading anything.
 */
public final class StaticFiles {
    private StaticFiles() {
    }

    /** Files under {@code root}, at {@code prefix} (such as {@code /assets}, or {@code /}), with the defaults. */
    public static Middleware directory(String prefix, Path root) {
        return directory(prefix, root, StaticFileOptions.defaults());
    }

    /** Files under {@code root}, at {@code prefix}. */
    public static Middleware directory(String prefix, Path root, StaticFileOptions options) {
        return middleware(prefix, new FileRoot.Directory(root), options);
    }

    /**
     * Resources under the class path folder {@code base} (such as {@code public}), at
     * {@code prefix}, with the defaults, from the thread's context class loader.
     */
    public static Middleware classpath(String prefix, String base) {
        return classpath(prefix, base, defaultLoader(), StaticFileOptions.defaults());
    }

    /** Resources under the class path folder {@code base} of {@code loader}, at {@code prefix}. */
    public static Middleware classpath(String prefix, String base, ClassLoader loader, StaticFileOptions options) {
        return middleware(prefix, new FileRoot.Classpath(base, loader), options);
    }

    private static Middleware middleware(String prefix, FileRoot root, StaticFileOptions options) {
        Objects.requireNonNull(options, "options");
        String mount = checkPrefix(prefix);
        StaticFileServer server = new StaticFileServer(mount, root, options);
        return handler -> handler.isAsync()
                ? RingHandler.async(request -> server.handleAsync(request, handler))
                : request -> server.handle(request, handler);
    }

    /** The prefix without a final slash ({@code ""} for the root). */
    static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.startsWith("/") || prefix.contains("//") || prefix.contains("?") || prefix.contains("#")) {
            throw InvalidArgumentException.of("prefix", "\"" + prefix + "\"", "a path such as /assets, or /");
        }
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static ClassLoader defaultLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : StaticFiles.class.getClassLoader();
    }
}
