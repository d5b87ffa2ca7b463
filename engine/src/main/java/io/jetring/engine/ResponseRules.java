package io.jetring.engine;

import io.jetring.api.Body;
import io.jetring.flow.Signals;
import java.io.IOException;

/**
 * The framing rules of a response ({@code docs/SPEC.md} section 5), decided one way for every
 * engine: which responses carry no body, which carry a {@code Content-Length} and what it is, and
 * the one switch over the {@link Body} variants, which hands each to the engine's {@link BodySink}.
 * Applications never use it.
 */
public final class ResponseRules {
    private static final byte[] NO_BYTES = {};

    private ResponseRules() {
    }

    /** Whether the response has no body on the wire: to a {@code HEAD}, and any 1xx, 204 or 304. */
    public static boolean isBodyless(boolean head, int status) {
        return head || status < 200 || status == 204 || status == 304;
    }

    /** {@link #isBodyless(boolean, int)} for a request with {@code method}. */
    public static boolean isBodyless(String method, int status) {
        return isBodyless("HEAD".equals(method), status);
    }

    /**
     * Whether a response with {@code status} may carry {@code Content-Length}: not a 1xx or 204
     * (RFC 9110 section 8.6), nor a 304, where it would describe the cached representation
     * (section 15.4.5).
     */
    public static boolean carriesLength(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    /**
     * The length of {@code body} if it is known before it is sent ({@code Empty}, {@code Bytes},
     * {@code Buffer}, {@code File}, and {@code Text}, which this encodes), else -1 ({@code Stream}, {@code Publisher},
     * {@code Upgrade}).
     */
    public static long length(Body body) throws IOException {
        if (body instanceof Body.Bytes bytes) {
            return bytes.bytes().length;
        }
        if (body instanceof Body.Empty) {
            return 0;
        }
        if (body instanceof Body.Buffer buffer) {
            return buffer.length();
        }
        if (body instanceof Body.Text text) {
            return text.text().getBytes(text.charset()).length;
        }
        if (body instanceof Body.File file) {
            return file.size();
        }
        return -1;
    }

    /**
     * Releases a body that will not be written (a response that came too late, or a bodyless one):
     * a stream is closed, quietly; a publisher is subscribed to only to cancel it, so that whatever
     * it holds is let go. Other bodies hold nothing.
     */
    public static void release(Body body) {
        if (body instanceof Body.Stream stream) {
            try {
                stream.stream().close();
            } catch (IOException | RuntimeException ignored) {
                // Unread and unwanted: nobody is waiting to hear of it.
            }
        } else if (body instanceof Body.Publisher publisher) {
            Signals.cancel(publisher.publisher());
        }
    }

    /**
     * Writes {@code body} of a response with {@code status} to a {@code HEAD} request iff {@code head}:
     * the {@code Content-Length} of a body of known length unless the status forbids one (a
     * {@code HEAD} gets the length the {@code GET} would), then the body, or for a bodyless response
     * nothing ({@link BodySink#none}: a stream is closed, a publisher not subscribed). A WebSocket
     * {@code Upgrade} body is the engine's own to carry out, never passed here.
     *
     * @throws IOException if the body's source fails before anything is written (a file that is gone)
     */
    public static <R, X extends Exception> R write(Body body, int status, boolean head, BodySink<R, X> sink)
            throws IOException, X {
        boolean bodyless = isBodyless(head, status);
        boolean withLength = carriesLength(status);
        byte[] fixed;
        if (body instanceof Body.Bytes bytes) {
            fixed = bytes.bytes();
        } else if (body instanceof Body.Text text) {
            fixed = text.text().getBytes(text.charset());
        } else if (body instanceof Body.Empty) {
            fixed = NO_BYTES;
        } else if (body instanceof Body.Buffer buffer) {
            int length = buffer.length();
            if (withLength) {
                sink.contentLength(length);
            }
            return bodyless ? sink.none(body, withLength ? length : -1) : sink.buffer(buffer.buffer());
        } else if (body instanceof Body.File file) {
            long size = file.size();
            if (withLength) {
                sink.contentLength(size);
            }
            return bodyless ? sink.none(body, withLength ? size : -1) : sink.file(file, size);
        } else if (body instanceof Body.Stream stream) {
            if (!bodyless) {
                return sink.stream(stream.stream());
            }
            release(body);
            return sink.none(body, -1);
        } else if (body instanceof Body.Publisher publisher) {
            return bodyless ? sink.none(body, -1) : sink.publisher(publisher.publisher());
        } else {
            throw new IllegalArgumentException("a body the engine carries out itself, not written: " + body);
        }
        if (withLength) {
            sink.contentLength(fixed.length);
        }
        return bodyless ? sink.none(body, withLength ? fixed.length : -1) : sink.fixed(fixed);
    }
}
