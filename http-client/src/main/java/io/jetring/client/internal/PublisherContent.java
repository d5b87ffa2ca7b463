package io.jetring.client.internal;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.SerializedInvoker;

/**
 * A request body read from a {@link Flow.Publisher}, driven by Jetty's reads: the publisher is
 * subscribed to on the first read and asked for one chunk at a time, only when Jetty wants the next
 * one (after it has written the last), so it never runs ahead of the network. A failed exchange
 * ({@link #fail}) cancels the subscription; an {@code onError} fails the request. Not rewindable:
 * a redirect that must resend the body is not followed.
 */
final class PublisherContent implements Request.Content, Flow.Subscriber<byte[]> {
    private final Flow.Publisher<byte[]> publisher;
    private final String contentType;
    private final SerializedInvoker invoker = new SerializedInvoker(PublisherContent.class);
    private Flow.Subscription subscription;
    private boolean subscribed;
    private boolean requested;
    private Content.Chunk next;
    private Content.Chunk terminal;
    private Runnable demandCallback;

    PublisherContent(Flow.Publisher<byte[]> publisher, String contentType) {
        this.publisher = publisher;
        this.contentType = contentType;
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public Content.Chunk read() {
        boolean subscribe = false;
        Flow.Subscription toRequest = null;
        synchronized (this) {
            Content.Chunk ready = take();
            if (ready != null) {
                return ready;
            }
            if (!subscribed) {
                subscribed = true;
                subscribe = true;
            } else if (!requested && subscription != null) {
                requested = true;
                toRequest = subscription;
            }
        }
        if (subscribe) {
            publisher.subscribe(this);
        } else if (toRequest != null) {
            toRequest.request(1);
        }
        synchronized (this) {
            // The publisher may have answered synchronously, from within subscribe() or request().
            return take();
        }
    }

    /** The chunk to hand to Jetty, if there is one; called with the lock held. */
    private Content.Chunk take() {
        if (next != null) {
            Content.Chunk chunk = next;
            next = null;
            return chunk;
        }
        return terminal;
    }

    @Override
    public void demand(Runnable callback) {
        boolean now;
        synchronized (this) {
            if (demandCallback != null) {
                throw new IllegalStateException("demand pending");
            }
            now = next != null || terminal != null;
            if (!now) {
                demandCallback = callback;
            }
        }
        if (now) {
            invoker.run(callback);
        }
    }

    @Override
    public void fail(Throwable failure) {
        Flow.Subscription toCancel;
        Runnable callback;
        synchronized (this) {
            if (terminal != null) {
                return;
            }
            terminal = Content.Chunk.from(failure, true);
            next = null;
            toCancel = subscription;
            callback = takeDemand();
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
        run(callback);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription"); // rule 2.13
        boolean cancel;
        synchronized (this) {
            cancel = subscription != null || terminal != null;
            if (!cancel) {
                subscription = s;
                requested = true;
            }
        }
        if (cancel) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(byte[] bytes) {
        Objects.requireNonNull(bytes, "chunk"); // rule 2.13
        if (bytes.length == 0) {
            // Nothing to write: ask for the next chunk at once rather than hand Jetty an empty one.
            Flow.Subscription s;
            synchronized (this) {
                s = terminal == null ? subscription : null;
            }
            if (s != null) {
                s.request(1);
            }
            return;
        }
        Runnable callback;
        synchronized (this) {
            requested = false;
            if (terminal != null) {
                return;
            }
            next = Content.Chunk.from(ByteBuffer.wrap(bytes), false);
            callback = takeDemand();
        }
        run(callback);
    }

    @Override
    public void onError(Throwable failure) {
        Objects.requireNonNull(failure, "failure"); // rule 2.13
        end(Content.Chunk.from(new RequestBodyException(failure), true));
    }

    @Override
    public void onComplete() {
        end(Content.Chunk.EOF);
    }

    private void end(Content.Chunk last) {
        Runnable callback;
        synchronized (this) {
            if (terminal != null) {
                return;
            }
            terminal = last;
            callback = takeDemand();
        }
        run(callback);
    }

    private Runnable takeDemand() {
        Runnable callback = demandCallback;
        demandCallback = null;
        return callback;
    }

    private void run(Runnable callback) {
        if (callback != null) {
            invoker.run(callback);
        }
    }
}
