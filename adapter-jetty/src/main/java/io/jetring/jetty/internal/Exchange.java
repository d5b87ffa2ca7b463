package io.jetring.jetty.internal;

import io.jetring.api.BadRequestException;
import io.jetring.api.Body;
import io.jetring.api.Headers;
import io.jetring.api.Response;
import io.jetring.engine.BodySink;
import io.jetring.engine.ErrorAnswer;
import io.jetring.engine.EngineExchange;
import io.jetring.engine.Failures;
import io.jetring.engine.ResponseRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request/response exchange written to Jetty. Settling it once (response, failure or async
 * timeout) and the failure rules are {@link EngineExchange}'s; the framing is {@link ResponseRules}'s,
 * which hands the body to this exchange as its {@link BodySink}.
 */
final class Exchange extends EngineExchange<RuntimeException> implements BodySink<Void, RuntimeException>, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.jetty.JetServer");
    private static final int STREAM_BUFFER_SIZE = 16 * 1024;
    /** A file is read into pooled direct buffers of this size: a large file takes few writes. */
    private static final int FILE_BUFFER_SIZE = 64 * 1024;

    private final org.eclipse.jetty.server.Request request;
    private final org.eclipse.jetty.server.Response response;
    private final Callback callback;
    private final boolean onWorkerThread;
    private final BooleanSupplier draining;
    /** Jetty's idle timeout, once it has ended this exchange: the client was too slow. */
    private volatile TimeoutException clientTimeout;
    private long timeoutMillis;
    private WebSocketUpgrader upgrader;
    private io.jetring.api.Request upgradeRequest;

    Exchange(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response, Callback callback,
             boolean onWorkerThread, BooleanSupplier draining) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.onWorkerThread = onWorkerThread;
        this.draining = draining;
        request.addIdleTimeoutListener(idle -> idleTimeoutIsFatal());
    }

    /**
     * A read of the request body failed with Jetty's idle timeout. When that ends the exchange
     * ({@link #idleTimeoutIsFatal}), it is remembered: a handler failing with it gets 408.
     */
    void readTimedOut(TimeoutException idle) {
        if (idleTimeoutIsFatal()) {
            clientTimeout = idle;
        }
    }

    /** Lets this exchange, an upgrade request, carry out a WebSocket response for {@code ring}. */
    void upgradesWith(WebSocketUpgrader websockets, io.jetring.api.Request ring) {
        this.upgrader = websockets;
        this.upgradeRequest = ring;
    }

    /**
     * Whether an idle timeout now ends the exchange: not while an async stage is pending (the async
     * timeout governs) nor while the server drains (the stop timeout governs).
     */
    boolean idleTimeoutIsFatal() {
        return !draining.getAsBoolean() && (onWorkerThread || isSettled());
    }

    /** The async timeout is scheduled on Jetty's scheduler, with this exchange as its task. */
    @Override
    protected Cancellable scheduleTimeout(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        return request.getComponents().getScheduler().schedule(this, timeoutMillis, TimeUnit.MILLISECONDS)::cancel;
    }

    /** The async timeout. */
    @Override
    public void run() {
        timeOut(timeoutMillis);
    }

    @Override
    protected void write(Response result) throws IOException {
        writeResponse(result);
    }

    @Override
    protected boolean isCommitted() {
        return response.isCommitted();
    }

    @Override
    protected void abort(Throwable cause) {
        callback.failed(cause);
    }

    @Override
    protected Throwable clientTimeout() {
        return clientTimeout;
    }

    @Override
    protected boolean clientWentAway(Throwable failure) {
        if (!clientGone(failure)) {
            return false;
        }
        LOG.debug("{} {}: the client went away", request.getMethod(), request.getHttpURI().getPath());
        callback.failed(Failures.unwrap(failure));
        return true;
    }

    @Override
    protected void log(ErrorAnswer.Level level, String what, Throwable cause) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        switch (level) {
            case ERROR -> LOG.error("{} {}: {}", method, path, what, cause);
            case WARN -> LOG.warn("{} {}: {}", method, path, what, cause);
            default -> LOG.debug("{} {}: {}", method, path, what, cause);
        }
    }

    @Override
    protected void writeError(ErrorAnswer answer) {
        if (response.isCommitted()) {
            callback.failed(new IOException(answer.text() + " after the response was committed"));
            return;
        }
        response.reset();
        response.setStatus(answer.status());
        PlainErrorHandler.write(response, answer.text() + "\n", callback);
    }

    private void writeResponse(Response result) throws IOException {
        if (result.body() instanceof Body.Upgrade upgrade) {
            upgrade(result, upgrade);
            return;
        }
        int status = result.status();
        response.setStatus(status);
        HttpFields.Mutable fields = response.getHeaders();
        Headers headers = result.headers();
        for (int i = 0, n = headers.size(); i < n; i++) {
            fields.add(headers.name(i), headers.value(i));
        }
        ResponseRules.write(result.body(), status, HttpMethod.HEAD.is(request.getMethod()), this);
    }

    @Override
    public void contentLength(long length) {
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
    }

    @Override
    public Void fixed(byte[] bytes) {
        response.write(true, bytes.length == 0 ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(bytes), callback);
        return null;
    }

    @Override
    public Void buffer(ByteBuffer buffer) {
        response.write(true, buffer.hasRemaining() ? buffer : BufferUtil.EMPTY_BUFFER, callback);
        return null;
    }

    @Override
    public Void file(Body.File file, long size) throws IOException {
        Content.copy(fileSource(file, size), response, callback);
        return null;
    }

    @Override
    public Void stream(InputStream stream) {
        copy(stream);
        return null;
    }

    @Override
    public Void publisher(Flow.Publisher<byte[]> publisher) {
        publisher.subscribe(new PublisherWriter(request, response, callback));
        return null;
    }

    /**
     * Ends a bodyless response. Jetty gives a response completed by its first write the length of
     * that write: a HEAD must not claim a length the GET would not send (RFC 9110, 8.6), nor a 304
     * carry "Content-Length: 0" (it would describe the cached representation). Without a length of
     * its own, such a head is committed first, then the response ends.
     */
    @Override
    public Void none(Body body, long length) {
        if (length >= 0 || !(response.getStatus() == 304 || HttpMethod.HEAD.is(request.getMethod()))) {
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return null;
        }
        response.write(false, BufferUtil.EMPTY_BUFFER, Callback.from(
                () -> response.write(true, BufferUtil.EMPTY_BUFFER, callback), callback::failed));
        return null;
    }

    /**
     * The bytes of a file body: read through a seekable channel where the file is on the default file
     * system, else (a file inside a zip or jar, whose channels do not seek) through a stream.
     */
    private Content.Source fileSource(Body.File file, long size) throws IOException {
        ByteBufferPool.Sized pool = new ByteBufferPool.Sized(request.getComponents().getByteBufferPool(), true,
                FILE_BUFFER_SIZE);
        if (file.isLocal()) {
            return Content.Source.from(pool, file.path(), file.offset(), size);
        }
        return Content.Source.from(pool, file.open(), 0, size);
    }

    /** Carries out a WebSocket response that {@code Upgrades.refusal} allowed; Jetty writes the 101. */
    private void upgrade(Response result, Body.Upgrade upgrade) {
        if (upgrader == null) {
            throw new IllegalStateException("a WebSocket response to a request that is not an upgrade");
        }
        if (!upgrader.upgrade(request, response, callback, upgradeRequest, upgrade, result.headers())) {
            answer(new BadRequestException("not a WebSocket handshake"));
        }
    }

    /**
     * Copies a blocking stream to the response on a worker thread (this one for sync handlers), one
     * write at a time. The stream is closed when it ends, when reading or writing fails, and when the
     * exchange fails (the client went away), which also unblocks a read waiting for data.
     */
    private void copy(InputStream in) {
        request.addFailureListener(failure -> closeQuietly(in));
        if (onWorkerThread) {
            pump(in);
            return;
        }
        try {
            request.getComponents().getExecutor().execute(() -> pump(in));
        } catch (RejectedExecutionException e) {
            closeQuietly(in);
            throw e;
        }
    }

    private void pump(InputStream in) {
        boolean reading = true;
        try {
            try (in) {
                byte[] buffer = new byte[STREAM_BUFFER_SIZE];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (n == 0) {
                        continue;
                    }
                    reading = false;
                    try (Blocker.Callback written = Blocker.callback()) {
                        response.write(false, ByteBuffer.wrap(buffer, 0, n), written);
                        written.block();
                    }
                    reading = true;
                }
            }
        } catch (Throwable t) {
            if (reading) {
                LOG.error("{} {}: reading the InputStream body failed; response aborted", request.getMethod(),
                        request.getHttpURI().getPath(), t);
            } else {
                LOG.debug("{} {}: the client stopped reading the body", request.getMethod(),
                        request.getHttpURI().getPath(), t);
            }
            callback.failed(t);
            return;
        }
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing an InputStream body failed", e);
        }
    }

    /** Whether {@code failure} says the client went away: it closed or reset the connection (or its stream). */
    static boolean clientGone(Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        return cause instanceof EofException || cause instanceof ClosedChannelException;
    }

}
