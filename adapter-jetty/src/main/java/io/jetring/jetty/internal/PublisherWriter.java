package io.jetring.jetty.internal;

import io.jetring.flow.SerialExecutor;
import java.nio.ByteBuffer;
import java.util.Objects;
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
 *
 * <p>The exchange's callback ({@code done}) completes exactly once, and never while a write is
 * still outstanding. Calls to the subscription ({@code request}, {@code cancel}) are serialized
 * through a trampoline (Reactive Streams rule 2.7), which also keeps synchronous publishers from
 * recursing.
 */
final class PublisherWriter implements Flow.Subscriber<byte[]>, Callback {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.jetty.JetServer");

    private final org.eclipse.jetty.server.Request request;
    private final org.eclipse.jetty.server.Response response;
    private final Callback done;
    /** Subscription calls, one at a time, in order, on whichever thread gets there first. */
    private final SerialExecutor calls = new SerialExecutor();
    /** The two calls, made once: no allocation per chunk. */
    private final Runnable requestOne = guarded(() -> subscription().request(1));
    private final Runnable cancelSubscription = guarded(() -> {
        Flow.Subscription s = subscription();
        if (s != null) {
            s.cancel();
        }
    });

    // Guarded by this.
    private Flow.Subscription subscription;
    private boolean writing;
    private boolean terminated;
    private boolean doneSignalled;
    private boolean completePending;
    private Throwable errorPending;
    private Throwable exchangeFailure;

    PublisherWriter(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                    Callback done) {
        this.request = request;
        this.response = response;
        this.done = done;
        request.addFailureListener(this::onExchangeFailure);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription"); // rule 2.13
        boolean accept;
        synchronized (this) {
            accept = subscription == null && !terminated;
            if (accept) {
                subscription = s;
            }
        }
        if (accept) {
            calls.execute(requestOne);
        } else {
            s.cancel();
        }
    }

    @Override
    public void onNext(byte[] chunk) {
        Objects.requireNonNull(chunk, "chunk"); // rule 2.13
        synchronized (this) {
            if (terminated) {
                return;
            }
            if (chunk.length > 0) {
                writing = true;
            }
        }
        if (chunk.length == 0) {
            requestNext();
        } else {
            response.write(false, ByteBuffer.wrap(chunk), this);
        }
    }

    @Override
    public void onError(Throwable failure) {
        Objects.requireNonNull(failure, "failure"); // rule 2.13
        synchronized (this) {
            if (terminated) {
                return;
            }
            if (writing) {
                errorPending = failure;
                return;
            }
            terminated = true;
            doneSignalled = true;
        }
        abort(failure);
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            if (terminated) {
                return;
            }
            if (writing) {
                completePending = true;
                return;
            }
            terminated = true;
            doneSignalled = true;
        }
        response.write(true, BufferUtil.EMPTY_BUFFER, done);
    }

    /** The write of the last chunk completed. */
    @Override
    public void succeeded() {
        Throwable failure = null;
        Throwable error = null;
        boolean complete = false;
        synchronized (this) {
            writing = false;
            if (doneSignalled) {
                return;
            }
            if (exchangeFailure != null) {
                failure = exchangeFailure;
                doneSignalled = true;
            } else if (errorPending != null) {
                error = errorPending;
                terminated = true;
                doneSignalled = true;
            } else if (completePending) {
                complete = true;
                terminated = true;
                doneSignalled = true;
            } else if (terminated) {
                return;
            }
        }
        if (failure != null) {
            done.failed(failure);
        } else if (error != null) {
            abort(error);
        } else if (complete) {
            response.write(true, BufferUtil.EMPTY_BUFFER, done);
        } else {
            requestNext();
        }
    }

    /** The write of the last chunk failed: the client is gone or the connection broke. */
    @Override
    public void failed(Throwable failure) {
        synchronized (this) {
            writing = false;
            if (doneSignalled) {
                return;
            }
            terminated = true;
            doneSignalled = true;
        }
        LOG.debug("{} {}: writing the streamed body failed; subscription cancelled", request.getMethod(),
                request.getHttpURI().getPath(), failure);
        cancel();
        done.failed(failure);
    }

    @Override
    public InvocationType getInvocationType() {
        // Publishers must not block in request() (Reactive Streams rule 3.4): run the next request inline.
        return InvocationType.NON_BLOCKING;
    }

    private void onExchangeFailure(Throwable failure) {
        boolean signalNow;
        synchronized (this) {
            if (doneSignalled) {
                return;
            }
            terminated = true;
            // With a write outstanding, its callback completes the exchange: never before it.
            signalNow = !writing;
            if (signalNow) {
                doneSignalled = true;
            } else {
                exchangeFailure = failure;
            }
        }
        LOG.debug("{} {}: the exchange failed while streaming; subscription cancelled", request.getMethod(),
                request.getHttpURI().getPath(), failure);
        cancel();
        if (signalNow) {
            done.failed(failure);
        }
    }

    private void requestNext() {
        calls.execute(requestOne);
    }

    private void cancel() {
        calls.execute(cancelSubscription);
    }

    private synchronized Flow.Subscription subscription() {
        return subscription;
    }

    /** {@code call}, where a subscription that throws counts as the publisher failing (rule 3.16's spirit). */
    private Runnable guarded(Runnable call) {
        return () -> {
            try {
                call.run();
            } catch (Throwable t) {
                onError(t);
            }
        };
    }

    private void abort(Throwable failure) {
        if (Exchange.clientGone(failure)) {
            // An echoed upload whose client left: a peer going away, not a fault (and cheap to repeat).
            LOG.debug("{} {}: the client went away; response aborted", request.getMethod(),
                    request.getHttpURI().getPath(), failure);
        } else {
            LOG.error("{} {}: the body publisher failed; response aborted", request.getMethod(),
                    request.getHttpURI().getPath(), failure);
        }
        done.failed(failure);
    }
}
