package io.jetring.engine;

import io.jetring.api.Body;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Where an engine writes a response body, as {@link ResponseRules#write} calls for it: one call to
 * {@link #contentLength} first, iff the response carries one, then exactly one of the others.
 * Applications never use it.
 *
 * @param <R> what a write returns to the engine ({@link Void} if nothing)
 * @param <X> what the engine's writes may throw besides {@link IOException}
 */
public interface BodySink<R, X extends Exception> {

    /** The response's {@code Content-Length}, replacing any the handler set. */
    void contentLength(long length) throws X;

    /** A body of known bytes ({@code Empty}, {@code Bytes}, {@code Text} encoded); {@code bytes} may be empty. */
    R fixed(byte[] bytes) throws IOException, X;

    /**
     * A {@code Buffer} body: {@code buffer} is a read-only view of its own, to read or write as it is
     * (the same bytes may be going out on other responses through other views). By default its bytes
     * are copied and given to {@link #fixed}; an engine that writes buffers overrides it.
     */
    default R buffer(ByteBuffer buffer) throws IOException, X {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return fixed(bytes);
    }

    /** A {@code File} body: its {@code size} bytes (those of its region), also given to {@link #contentLength}. */
    R file(Body.File file, long size) throws IOException, X;

    /** A {@code Stream} body: read it to its end, and close it whatever happens. */
    R stream(InputStream stream) throws IOException, X;

    /** A {@code Publisher} body: subscribe to it, under the streaming contract ({@code docs/SPEC.md} section 7). */
    R publisher(Flow.Publisher<byte[]> publisher) throws X;

    /**
     * No body goes out (a bodyless response: {@link ResponseRules#isBodyless}); a stream body has been
     * closed, a publisher is not subscribed. {@code length} is the {@code Content-Length} given (a
     * {@code HEAD} answered with a body of known length), or -1 if none was: an engine whose
     * container would add {@code Content-Length: 0} must then commit the head without one.
     */
    R none(Body body, long length) throws IOException, X;
}
