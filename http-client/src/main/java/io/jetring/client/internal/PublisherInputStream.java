package io.jetring.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A blocking {@link InputStream} over a publisher of chunks. It keeps at most one chunk beyond the one
 * being read: the next is requested when a chunk is taken, so the network runs one chunk ahead of the
 * reader and no further. {@link #close()} before the end cancels the subscription (which aborts the
 * exchange behind it). A failure of the publisher is thrown by the next read, as an
 * {@link IOException} whose cause is the failure.
 */
public final class PublisherInputStream extends InputStream implements Flow.Subscriber<byte[]> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>(2);
    private Flow.Subscription subscription;
    private byte[] current;
    private int position;
    private boolean requested;
    private boolean completed;
    private boolean closed;
    private Throwable failure;

    /** Subscribes to {@code publisher} at once. */
    public PublisherInputStream(Flow.Publisher<byte[]> publisher) {
        publisher.subscribe(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancel;
        lock.lock();
        try {
            cancel = closed || subscription != null;
            if (!cancel) {
                subscription = s;
                requested = true;
            }
        } finally {
            lock.unlock();
        }
        if (cancel) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(byte[] chunk) {
        lock.lock();
        try {
            requested = false;
            if (!closed) {
                chunks.add(chunk);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onError(Throwable t) {
        lock.lock();
        try {
            failure = t;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete() {
        lock.lock();
        try {
            completed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (true) {
            Flow.Subscription toRequest = null;
            int n = -2;
            lock.lock();
            try {
                if (closed) {
                    throw new IOException("stream closed");
                }
                while (current == null || position == current.length) {
                    current = chunks.poll();
                    position = 0;
                    if (current == null) {
                        break;
                    }
                }
                if (current != null) {
                    n = Math.min(len, current.length - position);
                    System.arraycopy(current, position, b, off, n);
                    position += n;
                } else if (failure != null) {
                    throw new IOException(failure.getMessage(), failure);
                } else if (completed) {
                    return -1;
                }
                if (chunks.isEmpty() && !requested && !completed && failure == null && subscription != null) {
                    requested = true;
                    toRequest = subscription;
                } else if (n < 0) {
                    changed.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the response body");
            } finally {
                lock.unlock();
            }
            // Outside the lock: a publisher may call onNext from within request().
            if (toRequest != null) {
                toRequest.request(1);
            }
            if (n >= 0) {
                return n;
            }
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            int n = current == null ? 0 : current.length - position;
            for (byte[] chunk : chunks) {
                n += chunk.length;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the stream; before the end of the body, cancels it (aborting its exchange). */
    @Override
    public void close() {
        Flow.Subscription toCancel;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            chunks.clear();
            current = null;
            toCancel = completed || failure != null ? null : subscription;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
    }
}
