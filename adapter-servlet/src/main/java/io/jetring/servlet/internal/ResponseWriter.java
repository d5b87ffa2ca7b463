package io.jetring.servlet.internal;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Response;
import io.jetring.engine.BodySink;
import io.jetring.engine.ErrorAnswer;
import io.jetring.engine.ResponseRules;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Flow;

/**
 * Writes a {@link Response} with blocking servlet I/O, on a container thread: the dispatch that ran
 * the handler, or one that {@code AsyncContext.start} lent. The framing follows
 * {@code docs/SPEC.md} section 5, as {@link ResponseRules} decides it: {@code Content-Length} for
 * bytes, text and files, chunked for streams, no body for {@code HEAD}, 1xx, 204 and 304. A
 * publisher body is handed to a {@link PublisherWriter}, which writes without blocking.
 */
final class ResponseWriter {
    private static final int STREAM_BUFFER_SIZE = 16 * 1024;

    /** How a write ended, when it did not throw. */
    enum Result {
        /** The whole response is written; the exchange may end. */
        WRITTEN,
        /** A {@link PublisherWriter} took the body over and ends the exchange itself. */
        STREAMING,
        /** Writing to the client failed: it went away. */
        CLIENT_GONE
    }

    private ResponseWriter() {
    }

    /**
     * Writes {@code result}. An exception means the response or its body's source failed (a file that
     * is gone, a stream that throws): the caller answers 500 if nothing was committed yet, else
     * aborts.
     */
    static Result write(Exchange exchange, Response result) throws IOException {
        if (result.body() instanceof Body.Upgrade upgrade) {
            exchange.upgrade(upgrade, result.headers());
            return Result.WRITTEN;
        }
        HttpServletResponse response = exchange.response();
        int status = result.status();
        response.setStatus(status);
        Headers headers = result.headers();
        for (int i = 0, n = headers.size(); i < n; i++) {
            response.addHeader(headers.name(i), headers.value(i));
        }
        return ResponseRules.write(result.body(), status, exchange.isHead(), new Sink(exchange, response, status));
    }

    /** Replaces whatever was set with the error answer; the response must not be committed. */
    static Result writeError(Exchange exchange, ErrorAnswer error) {
        HttpServletResponse response = exchange.response();
        response.reset();
        response.setStatus(error.status());
        response.setContentType(ErrorAnswer.CONTENT_TYPE);
        byte[] body = error.body();
        response.setContentLength(body.length);
        if (exchange.isHead()) {
            return Result.WRITTEN;
        }
        try {
            response.getOutputStream().write(body);
            return Result.WRITTEN;
        } catch (IOException e) {
            return Result.CLIENT_GONE;
        }
    }

    /** The body of one response, written as {@link ResponseRules} calls for it. */
    private record Sink(Exchange exchange, HttpServletResponse response, int status)
            implements BodySink<Result, IOException> {
        @Override
        public void contentLength(long length) {
            response.setContentLengthLong(length);
        }

        @Override
        public Result fixed(byte[] bytes) {
            if (bytes.length == 0) {
                return Result.WRITTEN;
            }
            try {
                response.getOutputStream().write(bytes);
                return Result.WRITTEN;
            } catch (IOException e) {
                return Result.CLIENT_GONE;
            }
        }

        @Override
        public Result file(Body.File file, long size) throws IOException {
            return copy(file.open(), response, false);
        }

        @Override
        public Result stream(InputStream stream) throws IOException {
            return copy(stream, response, true);
        }

        @Override
        public Result publisher(Flow.Publisher<byte[]> publisher) {
            exchange.stream(publisher);
            return Result.STREAMING;
        }

        @Override
        public Result none(Body body, long length) {
            if (length < 0 && (status == 304 || exchange.isHead())) {
                // A container that commits on completion may add "Content-Length: 0", which neither a
                // 304 (it would describe the cached representation) nor a HEAD whose GET has no known
                // length (RFC 9110, 8.6) may carry: commit now, without one.
                try {
                    response.flushBuffer();
                } catch (IOException e) {
                    return Result.CLIENT_GONE;
                }
            }
            return Result.WRITTEN;
        }
    }

    /**
     * Copies {@code in} to the response, one read then one write at a time, and closes it whatever
     * happens. A failed read throws (the source failed); a failed write is the client leaving.
     * {@code flushEach} sends every chunk as it is read: a stream body is a stream, and its client
     * should not wait for the container's buffer to fill.
     */
    private static Result copy(InputStream in, HttpServletResponse response, boolean flushEach) throws IOException {
        try (in) {
            ServletOutputStream out = response.getOutputStream();
            byte[] buffer = new byte[STREAM_BUFFER_SIZE];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n == 0) {
                    continue;
                }
                try {
                    out.write(buffer, 0, n);
                    if (flushEach) {
                        out.flush();
                    }
                } catch (IOException e) {
                    return Result.CLIENT_GONE;
                }
            }
            return Result.WRITTEN;
        }
    }
}
