package io.jetring.servlet;

import io.jetring.api.BadRequestException;
import io.jetring.api.Body;
import io.jetring.api.BodyTooLargeException;
import io.jetring.api.DataSize;
import io.jetring.api.Publishers;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import io.jetring.servlet.testing.Deferred;
import io.jetring.api.ProbePublisher;
import io.jetring.api.SlowSubscriber;
import io.jetring.servlet.testing.TickerPublisher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The handlers of the shared suite, one sync and one async, each a router over the request path.
 * The state the tests inspect (the last probe publisher, the last slow upload) lives here, so each
 * suite class has its own.
 */
final class SuiteHandlers {
    static final String SECRET = "secret-detail-that-must-not-leak";
    static final DataSize MAX_BODY = DataSize.ofKibibytes(64);
    static final Duration ASYNC_TIMEOUT = Duration.ofSeconds(1);
    static final TickerPublisher TICKS = new TickerPublisher(6, Duration.ofMillis(250));
    private static final Executor LATER = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);

    final byte[] content = new byte[300_000];
    final Path file;
    volatile ProbePublisher probe;
    volatile CompletableFuture<SlowSubscriber> slowUpload = new CompletableFuture<>();

    /** The content from byte 10 on, in one direct buffer that every {@code /buffer} response shares. */
    final Body sharedBuffer;

    SuiteHandlers(Path dir) throws IOException {
        new Random(7).nextBytes(content);
        file = Files.write(dir.resolve("data.bin"), content);
        sharedBuffer = Body.of(java.nio.ByteBuffer.allocateDirect(content.length).put(content).position(10));
    }

    RingHandler sync() {
        return this::sync;
    }

    RingHandler async() {
        return RingHandler.async(this::async);
    }

    private Response sync(Request request) throws Exception {
        return switch (request.path()) {
            case "/text" -> Response.ok("héllo");
            case "/latin1" -> Response.ok(Body.of("héllo", StandardCharsets.ISO_8859_1))
                    .withContentType("text/plain;charset=ISO-8859-1");
            case "/bytes" -> Response.ok(new byte[] {1, 2, 3});
            case "/buffer" -> Response.ok(sharedBuffer);
            case "/empty" -> Response.status(200);
            case "/no-content" -> Response.status(204);
            case "/file" -> Response.ok(Body.of(file));
            case "/stream" -> Response.stream(new ByteArrayInputStream(content));
            case "/cookies" -> Response.ok("c").addHeader("Set-Cookie", "a=1; Path=/").addHeader("Set-Cookie", "b=2");
            case "/redirect" -> Response.redirect("/text");
            case "/throw" -> throw new IllegalStateException(SECRET);
            case "/null" -> null;
            case "/bad-request" -> throw new BadRequestException("id: x (expected: a number)");
            case "/too-large" -> throw new BodyTooLargeException(DataSize.ofBytes(1));
            case "/split" -> Response.ok("x").withHeader("X-Split", "a\r\nSet-Cookie: admin=1");
            case "/publisher" -> Response.stream(newProbe(request));
            case "/fail-before-body" -> Response.stream(Publishers.failed(new IllegalStateException(SECRET)));
            case "/fail-mid-body" -> Response.stream(Publishers.fromIterator(() -> failingAfter(3)));
            case "/stream-fail-mid-body" -> Response.stream(new FailingStream(3));
            case "/upload-stream" -> Response.ok(Long.toString(
                    request.body().inputStream().transferTo(OutputStream.nullOutputStream())));
            case "/upload-bytes" -> Response.ok(Integer.toString(request.body().readAllBytes().length));
            case "/twice" -> {
                request.body().readAllBytes();
                request.body().inputStream();
                yield Response.ok("unreachable");
            }
            case "/echo" -> Response.stream(request.body().publisher());
            case "/slow-upload" -> Response.ok(startSlowSubscriber(request).digest.get(60, TimeUnit.SECONDS));
            default -> Response.notFound();
        };
    }

    private CompletionStage<Response> async(Request request) throws Exception {
        return switch (request.path()) {
            case "/now" -> CompletableFuture.completedFuture(Response.ok("now"));
            case "/later" -> CompletableFuture.supplyAsync(() -> Response.ok("later"), LATER);
            case "/never" -> new CompletableFuture<>();
            case "/null-stage" -> null;
            case "/failed-stage" -> CompletableFuture.failedFuture(new IllegalStateException(SECRET));
            case "/late-failure" -> CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException(SECRET);
            }, LATER);
            case "/throw" -> throw new IllegalStateException(SECRET);
            case "/upload-bytes" -> request.body().bytes().thenApply(bytes -> Response.ok(Integer.toString(bytes.length)));
            case "/echo" -> CompletableFuture.completedFuture(Response.stream(request.body().publisher()));
            case "/later-echo" -> CompletableFuture.supplyAsync(() -> Response.stream(request.body().publisher()), LATER);
            case "/slow-stream" -> CompletableFuture.supplyAsync(() -> Response.stream(TICKS), LATER);
            // Answered at once, the digest streamed when the upload is done: the upload outlasts the async timeout.
            case "/slow-upload" -> CompletableFuture.completedFuture(Response.stream(
                    Deferred.of(startSlowSubscriber(request).digest.thenApply(hex -> hex.getBytes(StandardCharsets.UTF_8)))));
            default -> CompletableFuture.completedFuture(sync(request));
        };
    }

    private ProbePublisher newProbe(Request request) {
        probe = new ProbePublisher(request.queryParam("chunks").map(Long::parseLong).orElse(Long.MAX_VALUE));
        return probe;
    }

    private SlowSubscriber startSlowSubscriber(Request request) throws Exception {
        SlowSubscriber upload = new SlowSubscriber();
        request.body().publisher().subscribe(upload);
        slowUpload.complete(upload);
        return upload;
    }

    private static Iterator<byte[]> failingAfter(int chunks) {
        return new Iterator<>() {
            private int sent;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public byte[] next() {
                if (sent == chunks) {
                    throw new IllegalStateException(SECRET);
                }
                return ("chunk-" + sent++ + "\n").getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /** Yields {@code line-0\n}, {@code line-1\n}, … one per read, then fails. */
    private static final class FailingStream extends InputStream {
        private final int lines;
        private int sent;

        FailingStream(int lines) {
            this.lines = lines;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (sent == lines) {
                throw new IOException(SECRET);
            }
            byte[] line = ("line-" + sent++ + "\n").getBytes(StandardCharsets.UTF_8);
            System.arraycopy(line, 0, buffer, offset, line.length);
            return line.length;
        }
    }

}
