package io.jetring.jetty.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link Flow.Publisher} body: requests one chunk, writes it, and requests the next only
 * when the write has completed, so the publisher never runs ahead of the network. A write that fails
 * (the client went away) or a failure of the exchange cancels the subscription. An {@code onError}
 * fails the exchange's callback, which aborts the connection: the client sees a truncated body,
 * never a clean end.
 */
final class PublisherWriter implements Flow.Subscriber<byte[]>, Callback {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.jetty.JetServer");

    private final org.eclipse.jetty.server.Request request;
    private final org.eclipse.jetty.server.Response response;
    private final Callback done;
    private Flow.Subscription subscription;
    private boolean writing;
    private boolean finished;
    private boolean completePending;
    private Throwable errorPending;

    PublisherWriter(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                    Callback done) {
        this.request = request;
        this.response = response;
        this.done = done;
        request.addFailureListener(this::onExchangeFailure);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        synchronized (this) {
            if (subscription != null || finished) {
                s.cancel();
                return;
            }
            subscription = s;
        }
        s.request(1);
    }

    @Override
    public void onNext(byte[] chunk) {
        if (chunk.length == 0) {
            Flow.Subscription s;
            synchronized (this) {
                s = finished ? null : subscription;
            }
            if (s != null) {
                s.request(1);
            }
            return;
        }
        synchronized (this) {
            if (finished) {
                return;
            }
            writing = true;
        }
        response.write(false, ByteBuffer.wrap(chunk), this);
    }

    @Override
    public void onError(Throwable failure) {
        synchronized (this) {
            if (finished) {
                return;
            }
            if (writing) {
                errorPending = failure;
                return;
            }
            finished = true;
        }
        abort(failure);
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            if (finished) {
                return;
            }
            if (writing) {
                completePending = true;
                return;
            }
            finished = true;
        }
        response.write(true, BufferUtil.EMPTY_BUFFER, done);
    }

    /** The write of the last chunk completed. */
    @Override
    public void succeeded() {
        Flow.Subscription next = null;
        boolean complete = false;
        Throwable error = null;
        synchronized (this) {
            writing = false;
            if (finished) {
                return;
            }
            if (errorPending != null) {
                error = errorPending;
                finished = true;
            } else if (completePending) {
                complete = true;
                finished = true;
            } else {
                next = subscription;
            }
        }
        if (error != null) {
            abort(error);
        } else if (complete) {
            response.write(true, BufferUtil.EMPTY_BUFFER, done);
        } else {
            next.request(1);
        }
    }

    /** The write of the last chunk failed: the client is gone or the connection broke. */
    @Override
    public void failed(Throwable failure) {
        Flow.Subscription s;
        synchronized (this) {
            writing = false;
            if (finished) {
                return;
            }
            finished = true;
            s = subscription;
        }
        LOG.debug("{} {}: writing the streamed body failed; subscription cancelled", request.getMethod(),
                request.getHttpURI().getPath(), failure);
        if (s != null) {
            s.cancel();
        }
        done.failed(failure);
    }

    @Override
    public InvocationType getInvocationType() {
        // Publishers must not block in request() (Reactive Streams rule 3.4): run the next request inline.
        return InvocationType.NON_BLOCKING;
    }

    private void onExchangeFailure(Throwable failure) {
        Flow.Subscription s;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            s = subscription;
        }
        LOG.debug("{} {}: the exchange failed while streaming; subscription cancelled", request.getMethod(),
                request.getHttpURI().getPath(), failure);
        if (s != null) {
            s.cancel();
        }
        done.failed(failure);
    }

    private void abort(Throwable failure) {
        LOG.warn("{} {}: the body publisher failed; response aborted", request.getMethod(),
                request.getHttpURI().getPath(), failure);
        done.failed(failure);
    }
}
