package io.jetring.servlet.internal;

import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Response;
import io.jetring.engine.ErrorAnswer;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * Writes a {@link Response} with blocking servlet I/O, on a container thread: the dispatch that ran
 * the handler, or one that {@code AsyncContext.start} lent. The framing follows
 * {@code docs/SPEC.md} section 5: {@code Content-Length} for bytes, text and files, chunked for
 * streams, no body for {@code HEAD}, 1xx, 204 and 304. A publisher body is handed to a
 * {@link PublisherWriter}, which writes without blocking.
 */
final class ResponseWriter {
    private static final int STREAM_BUFFER_SIZE = 16 * 1024;
    private static final byte[] NO_BYTES = {};

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
        boolean bodyless = exchange.isHead() || status < 200 || status == 204 || status == 304;
        Body body = result.body();
        if (body instanceof Body.Bytes bytes) {
            return writeFixed(response, bytes.bytes(), bodyless, status);
        } else if (body instanceof Body.Text text) {
            return writeFixed(response, text.text().getBytes(text.charset()), bodyless, status);
        } else if (body instanceof Body.Empty) {
            return writeFixed(response, NO_BYTES, bodyless, status);
        } else if (body instanceof Body.File file) {
            putLength(response, file.size(), status);
            return bodyless ? Result.WRITTEN : copy(file.open(), response, false);
        } else if (body instanceof Body.Stream stream) {
            if (bodyless) {
                stream.stream().close();
                return Result.WRITTEN;
            }
            return copy(stream.stream(), response, true);
        } else if (body instanceof Body.Publisher publisher) {
            if (bodyless) {
                return Result.WRITTEN;
            }
            exchange.stream(publisher.publisher());
            return Result.STREAMING;
        }
        throw new IllegalStateException("unknown body variant " + body.getClass());
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

    private static Result writeFixed(HttpServletResponse response, byte[] bytes, boolean bodyless, int status) {
        putLength(response, bytes.length, status);
        if (status == 304) {
            // A container that commits on completion may add "Content-Length: 0", which a 304 must
            // not carry (it would describe the cached representation): commit now, without one.
            try {
                response.flushBuffer();
            } catch (IOException e) {
                return Result.CLIENT_GONE;
            }
        }
        if (bodyless || bytes.length == 0) {
            return Result.WRITTEN;
        }
        try {
            response.getOutputStream().write(bytes);
            return Result.WRITTEN;
        } catch (IOException e) {
            return Result.CLIENT_GONE;
        }
    }

    private static void putLength(HttpServletResponse response, long length, int status) {
        if (status >= 200 && status != 204 && status != 304) {
            response.setContentLengthLong(length);
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
