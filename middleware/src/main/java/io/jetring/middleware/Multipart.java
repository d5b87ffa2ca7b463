package io.jetring.middleware;

import io.jetring.api.BadRequestException;
import io.jetring.api.Body;
import io.jetring.api.DataSize;
import io.jetring.api.InvalidOptionException;
import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code multipart/form-data} uploads (Ring's {@code wrap-multipart-params}), parsed as they stream in
 * by Apache Commons FileUpload, never held whole in memory: text fields are read with
 * {@link #fields}, file parts are spooled to temporary files that the server names and read with
 * {@link #files} or {@link #file}:
 * <pre>{@code
 * RingHandler upload = request -> {
 *     UploadedFile photo = Multipart.file(request, "photo").orElseThrow();
 *     photo.moveTo(albums.resolve(UUID.randomUUID() + ".jpg"));  // never photo.filename() as a path
 *     return Response.ok("got " + photo.size() + " bytes for " + Multipart.fields(request).get("title", "?"));
 * };
 * }</pre>
 *
 * <p>Limits ({@link Options}) on each part, on the whole body and on the number of parts answer
 * {@code 413}, as does a part whose headers pass the parser's 512 bytes; a body that is not valid
 * multipart (no boundary, a missing or unterminated part) answers {@code 400} naming
 * {@code multipart}. In either case, and when the client leaves mid-upload, the files spooled so far
 * are deleted and the handler is not called. Otherwise they are deleted when the handler's response
 * is done: at once, or, for a streamed body, when the stream is closed or the publisher ends.
 *
 * <p>Around a sync handler the body is parsed from its blocking stream on the worker thread; around
 * an async one, from its publisher on the request's blocking executor, so no I/O thread ever waits.
 * Requests of any other content type pass through untouched (with no fields and no files).
 */
public final class Multipart {
    private static final String UPLOAD = Multipart.class.getName();
    private static final String NAME = "Multipart.middleware()";

    private Multipart() {
    }

    /** The middleware with {@link Options#defaults()}. */
    public static Middleware middleware() {
        return middleware(Options.defaults());
    }

    /** The middleware with these options. */
    public static Middleware middleware(Options options) {
        Objects.requireNonNull(options, "options");
        return handler -> handler.isAsync() ? RingHandler.async(request -> {
            if (!isMultipart(request)) {
                return handler.handleAsync(request.withAttribute(UPLOAD, Upload.NONE));
            }
            return CompletableFuture.supplyAsync(() -> {
                try (BodyStream in = new BodyStream(request.body().publisher())) {
                    return parse(request, in, options);
                }
            }, request.context().blockingExecutor()).handle((upload, failure) -> {
                if (failure == null) {
                    return handleAsync(handler, request.withAttribute(UPLOAD, upload), upload);
                }
                Throwable cause = StateAccess.unwrap(failure);
                return cause instanceof MultipartParser.TooLarge tooLarge
                        ? CompletableFuture.completedFuture(tooLarge.response())
                        : CompletableFuture.<Response>failedFuture(cause);
            }).thenCompose(stage -> stage);
        }) : request -> {
            if (!isMultipart(request)) {
                return handler.handle(request.withAttribute(UPLOAD, Upload.NONE));
            }
            Upload upload;
            try (InputStream in = request.body().inputStream()) {
                upload = parse(request, in, options);
            } catch (MultipartParser.TooLarge tooLarge) {
                return tooLarge.response();
            }
            Request withUpload = request.withAttribute(UPLOAD, upload);
            Response response;
            try {
                response = handler.handle(withUpload);
            } catch (Throwable t) {
                upload.delete();
                throw t;
            }
            return release(withUpload, response, upload);
        };
    }

    private static java.util.concurrent.CompletionStage<Response> handleAsync(RingHandler handler, Request request,
            Upload upload) {
        java.util.concurrent.CompletionStage<Response> stage;
        try {
            stage = handler.handleAsync(request);
        } catch (RuntimeException e) {
            upload.delete();
            throw e;
        }
        return stage.whenComplete((response, failure) -> {
            if (failure != null) {
                upload.delete();
            }
        }).thenApply(response -> release(request, response, upload));
    }

    /** The text fields of the upload; fails if the request did not pass through {@link #middleware()}. */
    public static Parameters fields(Request request) {
        return upload(request, "Multipart.fields").fields();
    }

    /** Every file part, in order; fails if the request did not pass through {@link #middleware()}. */
    public static List<UploadedFile> files(Request request) {
        return upload(request, "Multipart.files").files();
    }

    /** The first file part of field {@code field}; fails if the request did not pass through {@link #middleware()}. */
    public static Optional<UploadedFile> file(Request request, String field) {
        return upload(request, "Multipart.file").files().stream().filter(f -> f.field().equals(field)).findFirst();
    }

    /** Whether the request passed through the middleware (CSRF protection reads its fields). */
    static boolean present(Request request) {
        return request.attributes().get(UPLOAD) instanceof Upload;
    }

    private static Upload upload(Request request, String accessor) {
        return StateAccess.require(request, UPLOAD, Upload.class, accessor, NAME);
    }

    private static boolean isMultipart(Request request) {
        return request.contentType().map(MediaType::essence).filter(e -> e.startsWith("multipart/")).isPresent();
    }

    private static Upload parse(Request request, InputStream in, Options options) {
        // A wrong multipart type is the client's error: say which types are read.
        if (!MediaType.is(request.contentType(), "multipart/form-data")) {
            throw new BadRequestException("multipart: Content-Type " + StateAccess.quote(request.contentType().orElse(""))
                    + " (expected: multipart/form-data)");
        }
        return MultipartParser.parse(request.contentType().get(), request.body().contentLength().orElse(-1), in, options);
    }

    /** Hands the files' deletion to the response: at once, or when its streamed body ends. */
    private static Response release(Request request, Response response, Upload upload) {
        if (response == null) {
            upload.delete();
            return null;
        }
        Body body = response.body();
        boolean bodyless = request.method().equals("HEAD") || response.status() < 200 || response.status() == 204
                || response.status() == 304;
        if (!bodyless && body instanceof Body.Stream stream) {
            return response.withBody(Body.of(new UploadCleanup.ClosingStream(stream.stream(), upload)));
        }
        if (!bodyless && body instanceof Body.Publisher publisher) {
            return response.withBody(Body.of(new UploadCleanup.EndingPublisher(publisher.publisher(), upload)));
        }
        if (!bodyless && body instanceof Body.File file && upload.contains(file.path())) {
            try {
                return response.withBody(Body.of(new UploadCleanup.ClosingStream(
                        java.nio.file.Files.newInputStream(file.path()), upload)));
            } catch (IOException e) {
                upload.delete();
                throw new java.io.UncheckedIOException(e);
            }
        }
        upload.delete();
        return response;
    }

    /** What the middleware parsed: the fields and the spooled files, deleted together. */
    record Upload(Parameters fields, List<UploadedFile> files) {
        static final Upload NONE = new Upload(Parameters.empty(), List.of());

        boolean contains(Path path) {
            return files.stream().anyMatch(f -> f.path().equals(path));
        }

        void delete() {
            UploadCleanup.delete(files.stream().map(UploadedFile::path).toList());
        }
    }

    /**
     * The options of {@link #middleware(Options)}.
     *
     * @param maxPartSize  the largest part (file or field); larger is a 413
     * @param maxFieldSize the largest text field, held in memory; larger is a 413
     * @param maxTotalSize the largest body; larger is a 413
     * @param maxParts     the most parts ({@code >= 1}); more is a 413
     * @param directory    where file parts are spooled; empty: {@code java.io.tmpdir}
     */
    public record Options(DataSize maxPartSize, DataSize maxFieldSize, DataSize maxTotalSize, int maxParts,
            Optional<Path> directory) {
        /** Checks the rules. */
        public Options {
            Objects.requireNonNull(maxPartSize, "maxPartSize");
            Objects.requireNonNull(maxFieldSize, "maxFieldSize");
            Objects.requireNonNull(maxTotalSize, "maxTotalSize");
            Objects.requireNonNull(directory, "directory");
            if (maxParts < 1) {
                throw InvalidOptionException.of("maxParts", maxParts, ">= 1");
            }
            if (maxPartSize.bytes() < 1 || maxFieldSize.bytes() < 1 || maxTotalSize.bytes() < 1) {
                throw InvalidOptionException.of("multipart limits", maxPartSize + ", " + maxFieldSize + ", "
                        + maxTotalSize, "at least 1 byte each");
            }
        }

        /** Parts up to 10 MiB, fields up to 64 KiB, bodies up to 100 MiB, 100 parts, in {@code java.io.tmpdir}. */
        public static Options defaults() {
            return new Options(DataSize.ofMebibytes(10), DataSize.ofKibibytes(64), DataSize.ofMebibytes(100), 100,
                    Optional.empty());
        }

        /** These options with another part limit. */
        public Options withMaxPartSize(DataSize size) {
            return new Options(size, maxFieldSize, maxTotalSize, maxParts, directory);
        }

        /** These options with another field limit. */
        public Options withMaxFieldSize(DataSize size) {
            return new Options(maxPartSize, size, maxTotalSize, maxParts, directory);
        }

        /** These options with another body limit. */
        public Options withMaxTotalSize(DataSize size) {
            return new Options(maxPartSize, maxFieldSize, size, maxParts, directory);
        }

        /** These options with another part count limit. */
        public Options withMaxParts(int parts) {
            return new Options(maxPartSize, maxFieldSize, maxTotalSize, parts, directory);
        }

        /** These options spooling to {@code directory}. */
        public Options withDirectory(Path directory) {
            return new Options(maxPartSize, maxFieldSize, maxTotalSize, maxParts, Optional.of(directory));
        }
    }
}
