package io.jetring.middleware;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.HttpDate;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The work behind {@link StaticFiles}: find the file a request names, answer it, and keep what it
 * learned (attributes, validators, the bytes of small files) for {@code revalidateAfter}.
 */
final class StaticFileServer {
    private final String prefix;
    private final FileRoot root;
    private final StaticFileOptions options;
    private final Pattern immutable;
    private final boolean caching;
    private final long revalidateNanos;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();

    StaticFileServer(String prefix, FileRoot root, StaticFileOptions options) {
        this.prefix = prefix;
        this.root = root;
        this.options = options;
        this.immutable = options.immutableNames().map(Pattern::compile).orElse(null);
        this.caching = options.maxCachedFileSize().bytes() > 0;
        this.revalidateNanos = options.revalidateAfter().toNanos();
    }

    /**
     * One version of a file as sent: the file itself, or a precompressed sibling; {@code cached}, if
     * the cache holds it, is its bytes in a direct buffer that every response shares (the engine
     * writes it without copying).
     */
    private record Variant(Path path, long size, String etag, Instant lastModified, String lastModifiedText,
            Body.Buffer cached) {
    }

    /**
     * A file found, with its siblings ({@code null} where there is none), or {@link #DIRECTORY}.
     * {@code checkedAt} is when its attributes were read ({@link System#nanoTime()}).
     */
    private record Entry(Variant identity, Variant brotli, Variant zstd, Variant gzip, String contentType, String cacheControl,
            long checkedAt) {
    }

    /** The codings of the precompressed siblings, in the order of the {@link Entry}'s fields. */
    private static final String[] PRECOMPRESSED = {"br", "zstd", "gzip"};

    private static final Entry DIRECTORY = new Entry(null, null, null, null, "", "", 0);

    /** What a request asks for: the cache key of the file, and whether it named a directory. */
    private record Target(SafePath path, String key) {
    }

    Response handle(Request request, RingHandler next) throws Exception {
        Target target = target(request);
        if (target != null) {
            Response answer = answer(request, target);
            if (answer != null) {
                return answer;
            }
        }
        return next.handle(request);
    }

    CompletionStage<Response> handleAsync(Request request, RingHandler next) {
        Target target = target(request);
        if (target == null) {
            return next.handleAsync(request);
        }
        Entry fresh = fresh(target.key());
        if (fresh != null && fresh != DIRECTORY) {
            return CompletableFuture.completedFuture(serve(request, fresh));
        }
        CompletableFuture<Response> answer = new CompletableFuture<>();
        request.context().blockingExecutor().execute(() -> {
            try {
                answer.complete(answer(request, target));
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        return answer.thenCompose(response -> response != null
                ? CompletableFuture.completedFuture(response) : next.handleAsync(request));
    }

    /** The file a request may be answered from, or {@code null} if the request is not for this middleware. */
    private Target target(Request request) {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return null;
        }
        String path = request.path();
        if (!path.startsWith(prefix)) {
            return null;
        }
        String rest = path.substring(prefix.length());
        if (!rest.isEmpty() && rest.charAt(0) != '/') {
            return null;
        }
        if (rest.isEmpty() && prefix.isEmpty()) {
            rest = "/";
        }
        SafePath safe = SafePath.parse(rest, options.hiddenFiles());
        if (safe == null) {
            return null;
        }
        if (safe.trailingSlash()) {
            if (options.indexFile().isEmpty()) {
                return null;
            }
            String index = options.indexFile().get();
            return new Target(safe, safe.relative().isEmpty() ? index : safe.relative() + "/" + index);
        }
        return new Target(safe, safe.relative());
    }

    /** The answer, or {@code null} to pass the request on. May block. */
    private Response answer(Request request, Target target) throws IOException {
        Entry entry = entry(target.key());
        if (entry == null) {
            return null;
        }
        if (entry == DIRECTORY) {
            return target.path().trailingSlash() || options.indexFile().isEmpty() ? null : redirectToDirectory(request, target);
        }
        return serve(request, entry);
    }

    /** {@code /docs} is a directory with an index: send the client to {@code /docs/}, so relative links work. */
    private Response redirectToDirectory(Request request, Target target) throws IOException {
        String relative = target.path().relative();
        String index = options.indexFile().get();
        Entry indexEntry = entry(relative.isEmpty() ? index : relative + "/" + index);
        if (indexEntry == null || indexEntry == DIRECTORY) {
            return null;
        }
        String location = request.path() + "/" + request.queryString().map(q -> "?" + q).orElse("");
        return Response.redirect(location, 302);
    }

    private Entry fresh(String key) {
        if (!caching) {
            return null;
        }
        Entry entry = cache.get(key);
        return entry != null && System.nanoTime() - entry.checkedAt() < revalidateNanos ? entry : null;
    }

    private Entry entry(String key) throws IOException {
        Entry fresh = fresh(key);
        if (fresh != null) {
            return fresh;
        }
        Entry previous = caching ? cache.get(key) : null;
        Entry loaded = load(key, previous);
        if (caching) {
            if (loaded == null) {
                cache.computeIfPresent(key, (k, old) -> {
                    release(old, null);
                    return null;
                });
            } else if (loaded != DIRECTORY) {
                cache.compute(key, (k, old) -> {
                    release(old, loaded);
                    return loaded;
                });
            }
        }
        return loaded;
    }

    private Entry load(String key, Entry previous) throws IOException {
        FileRoot.Located file = locate(key);
        if (file == null) {
            return null;
        }
        if (file.attributes().isDirectory()) {
            return DIRECTORY;
        }
        Variant identity = variant(file, previous == null ? null : previous.identity());
        if (identity == null) {
            return null;
        }
        Variant brotli = null;
        Variant zstd = null;
        Variant gzip = null;
        if (options.precompressed()) {
            brotli = sibling(key + ".br", previous == null ? null : previous.brotli());
            zstd = sibling(key + ".zst", previous == null ? null : previous.zstd());
            gzip = sibling(key + ".gz", previous == null ? null : previous.gzip());
        }
        String name = key.substring(key.lastIndexOf('/') + 1);
        String cacheControl = immutable != null && immutable.matcher(name).matches()
                ? StaticFileOptions.IMMUTABLE : options.cacheControl();
        return new Entry(identity, brotli, zstd, gzip, options.mimeTypes().typeOrDefault(name), cacheControl, System.nanoTime());
    }

    private FileRoot.Located locate(String key) {
        try {
            return root.locate(key);
        } catch (IOException | SecurityException e) {
            // Not a directory on the way, no permission, a broken link: for the client, not there.
            return null;
        }
    }

    private Variant sibling(String key, Variant previous) throws IOException {
        FileRoot.Located file = locate(key);
        return file == null || !file.attributes().isRegularFile() ? null : variant(file, previous);
    }

    /** The file as sent, with its bytes if the cache takes them; {@code null} if it cannot be read. */
    private Variant variant(FileRoot.Located file, Variant previous) {
        BasicFileAttributes attributes = file.attributes();
        if (!attributes.isRegularFile() || !Files.isReadable(file.path())) {
            return null;
        }
        String etag = Response.fileTag(attributes);
        if (previous != null && previous.etag().equals(etag) && previous.path().equals(file.path())) {
            return previous;
        }
        long size = attributes.size();
        Body.Buffer cached = null;
        if (caching && size <= options.maxCachedFileSize().bytes()) {
            if (cachedBytes.addAndGet(size) <= options.cacheSize().bytes()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file.path());
                } catch (IOException e) {
                    bytes = null;
                }
                if (bytes == null || bytes.length != size) {
                    // Changed while being read: serve it from the file this time.
                    cachedBytes.addAndGet(-size);
                } else {
                    cached = new Body.Buffer(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
                }
            } else {
                cachedBytes.addAndGet(-size);
            }
        }
        Instant modified = attributes.lastModifiedTime().toInstant();
        return new Variant(file.path(), size, etag, modified, HttpDate.format(modified), cached);
    }

    /** Gives back to the budget the bytes {@code old} holds that {@code replacement} does not keep. */
    private void release(Entry old, Entry replacement) {
        if (old == null || old == DIRECTORY) {
            return;
        }
        for (Variant v : new Variant[] {old.identity(), old.brotli(), old.zstd(), old.gzip()}) {
            if (v != null && v.cached() != null && (replacement == null || !keeps(replacement, v))) {
                cachedBytes.addAndGet(-v.cached().length());
            }
        }
    }

    private static boolean keeps(Entry entry, Variant v) {
        return entry.identity() == v || entry.brotli() == v || entry.zstd() == v || entry.gzip() == v;
    }

    /** The answer for a file that exists. Reads nothing: bodies read the file as they are written. */
    private Response serve(Request request, Entry entry) {
        Variant variant = entry.identity();
        String encoding = null;
        boolean varies = entry.brotli() != null || entry.zstd() != null || entry.gzip() != null;
        if (varies) {
            // The highest quality the client gives a sibling there is; of equal ones the smallest coding.
            double best = 0;
            Variant[] siblings = {entry.brotli(), entry.zstd(), entry.gzip()};
            for (int i = 0; i < siblings.length; i++) {
                double q = siblings[i] != null ? AcceptEncoding.quality(request, PRECOMPRESSED[i]) : 0;
                if (q > best) {
                    best = q;
                    variant = siblings[i];
                    encoding = PRECOMPRESSED[i];
                }
            }
        }
        Preconditions.Outcome outcome = Preconditions.evaluate(request, Optional.of(variant.etag()),
                Optional.of(variant.lastModified()));
        if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
            Headers.Builder headers = Headers.builder().add("ETag", variant.etag())
                    .add("Last-Modified", variant.lastModifiedText()).add("Cache-Control", entry.cacheControl());
            if (varies) {
                headers.add("Vary", "Accept-Encoding");
            }
            return Response.of(304, headers.build(), Body.empty());
        }
        if (outcome == Preconditions.Outcome.FAILED) {
            return Response.status(412);
        }
        Headers.Builder headers = Headers.builder().add("Content-Type", entry.contentType());
        if (encoding != null) {
            headers.add("Content-Encoding", encoding);
        }
        headers.add("ETag", variant.etag()).add("Last-Modified", variant.lastModifiedText())
                .add("Cache-Control", entry.cacheControl()).add("Accept-Ranges", "bytes");
        if (varies) {
            headers.add("Vary", "Accept-Encoding");
        }
        Optional<String> range = request.method().equals("GET") ? request.header("Range") : Optional.empty();
        if (range.isPresent() && Preconditions.ifRangeHolds(request, Optional.of(variant.etag()),
                Optional.of(variant.lastModified()))) {
            Response partial = partial(range.get(), variant, entry.contentType(), headers);
            if (partial != null) {
                return partial;
            }
        }
        Body body = variant.cached() != null ? variant.cached() : Body.of(variant.path(), 0, variant.size());
        return Response.of(200, headers.build(), body);
    }

    /** {@code 206} or {@code 416} for a {@code Range}, or {@code null} to send the whole file. */
    private Response partial(String range, Variant variant, String contentType, Headers.Builder headers) {
        long size = variant.size();
        ByteRanges.Parsed parsed = ByteRanges.parse(range, size);
        if (parsed instanceof ByteRanges.Unsatisfiable) {
            return Response.of(416, Headers.builder().add("Content-Range", "bytes */" + size)
                    .add("Accept-Ranges", "bytes").build(), Body.empty());
        }
        if (!(parsed instanceof ByteRanges.Satisfiable satisfiable) || satisfiable.ranges().size() > options.maxRanges()) {
            return null;
        }
        List<ByteRanges.Range> ranges = satisfiable.ranges();
        if (ranges.size() == 1) {
            ByteRanges.Range r = ranges.get(0);
            headers.add("Content-Range", r.contentRange(size));
            return Response.of(206, headers.build(), slice(variant, r));
        }
        String boundary = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        headers.set("Content-Type", "multipart/byteranges; boundary=" + boundary);
        List<byte[]> heads = new ArrayList<>();
        for (ByteRanges.Range r : ranges) {
            heads.add(("\r\n--" + boundary + "\r\nContent-Type: " + contentType + "\r\nContent-Range: "
                    + r.contentRange(size) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        return Response.of(206, headers.build(), Body.of(new MultipartRanges(variant.path(), variant.cached(), ranges,
                heads, end)));
    }

    private static Body slice(Variant variant, ByteRanges.Range r) {
        if (variant.cached() != null) {
            return Body.of(region(variant.cached(), r));
        }
        return Body.of(variant.path(), r.first(), r.length());
    }

    /** A view of the bytes of range {@code r} in {@code cached}. */
    private static ByteBuffer region(Body.Buffer cached, ByteRanges.Range r) {
        ByteBuffer view = cached.buffer();
        view.position((int) r.first()).limit((int) (r.first() + r.length()));
        return view;
    }

    /** A {@code multipart/byteranges} body, read part by part as the engine reads the stream. */
    private static final class MultipartRanges extends InputStream {
        private final Path path;
        private final Body.Buffer cached;
        private final List<ByteRanges.Range> ranges;
        private final List<byte[]> heads;
        private final byte[] end;
        private int part;
        private InputStream current;
        private boolean closed;

        MultipartRanges(Path path, Body.Buffer cached, List<ByteRanges.Range> ranges, List<byte[]> heads, byte[] end) {
            this.path = path;
            this.cached = cached;
            this.ranges = ranges;
            this.heads = heads;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                if (current == null) {
                    current = next();
                    if (current == null) {
                        return -1;
                    }
                }
                int n = current.read(b, off, len);
                if (n >= 0) {
                    return n;
                }
                current.close();
                current = null;
            }
        }

        /** Part {@code i} is head {@code i/2} (even) or range {@code i/2} (odd); then the closing boundary. */
        private InputStream next() throws IOException {
            if (closed) {
                return null;
            }
            int i = part++;
            int n = ranges.size();
            if (i == 2 * n) {
                return new ByteArrayInputStream(end);
            }
            if (i > 2 * n) {
                return null;
            }
            if (i % 2 == 0) {
                return new ByteArrayInputStream(heads.get(i / 2));
            }
            ByteRanges.Range r = ranges.get(i / 2);
            if (cached != null) {
                ByteBuffer region = region(cached, r);
                byte[] bytes = new byte[region.remaining()];
                region.get(bytes);
                return new ByteArrayInputStream(bytes);
            }
            return ((Body.File) Body.of(path, r.first(), r.length())).open();
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                current.close();
                current = null;
            }
            closed = true;
        }
    }
}
