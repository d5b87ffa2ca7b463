package io.jetring.rpc;

import io.jetring.api.ws.WebSocketClosedException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls one connection has sent and not yet seen answered: an entry id → future each, removed by
 * whichever comes first of the reply, the error reply, the timeout, the close, a failed send or the
 * caller's own completion or cancel. Every path removes the entry, so a finished call leaves
 * nothing behind. Timeouts cost no timer per call: one sweep, armed for the earliest deadline,
 * fails the calls whose time is up. Stages complete on the options' executor if it has one, else
 * on the thread that read the answer (or failed the send); a timeout on the connection's blocking
 * executor, never on the shared timer thread.
 */
final class OutboundCalls {
    private static final System.Logger LOG = System.getLogger("io.jetring.rpc");
    /** No sweep armed: later than any deadline. */
    private static final long NOT_ARMED = Long.MAX_VALUE;
    /** The least time between two sweeps. */
    private static final long SWEEP_GAP = TimeUnit.MILLISECONDS.toNanos(10);

    private final RpcEndpoint connection;
    private final RpcOptions options;
    private final RpcTimer timer;
    private final ConcurrentHashMap<Long, CompletableFuture<byte[]>> calls = new ConcurrentHashMap<>();
    /** Whether calls complete here, where the answer was read, rather than on the options' executor. */
    private final boolean inline;
    private final AtomicLong lastId = new AtomicLong();
    /** Times here are nanoseconds since this, so that they compare without overflow. */
    private final long origin = System.nanoTime();
    /** When the armed sweep runs, or {@link #NOT_ARMED}; written under this. */
    private volatile long sweepAt = NOT_ARMED;
    /** The armed sweep; guarded by this. */
    private ScheduledFuture<?> sweep;

    OutboundCalls(RpcEndpoint connection, RpcOptions options, RpcTimer timer) {
        this.timer = timer;
        this.connection = connection;
        this.options = options;
        this.inline = options.executor().isEmpty();
    }

    /**
     * One call: its stage, its entry in {@link #calls} and its deadline in one object. However it
     * completes (answer, timeout, close, failed send, or the caller's own completion or cancel),
     * the completion removes the entry; if the entry was still listed, the caller ended it, and the
     * peer is told with a cancel.
     */
    private final class Call extends CompletableFuture<byte[]> {
        final long id;
        final Long key;
        final Duration timeout;
        final long deadline;

        Call(long id, Duration timeout) {
            this.id = id;
            this.key = id;
            this.timeout = timeout;
            this.deadline = now() + timeout.toNanos();
        }

        @Override
        public boolean complete(byte[] value) {
            return ended(super.complete(value));
        }

        @Override
        public boolean completeExceptionally(Throwable failure) {
            return ended(super.completeExceptionally(failure));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return ended(super.cancel(mayInterruptIfRunning));
        }

        private boolean ended(boolean now) {
            // Still listed: the caller completed or cancelled the stage itself.
            if (now && calls.remove(key, this)) {
                cancelRemotely(id);
            }
            return now;
        }
    }

    /** Sends request {@code payload} with the next id; the stage completes with its answer. */
    CompletionStage<byte[]> request(byte[] payload, Duration timeout) {
        if (!connection.isOpen()) {
            return CompletableFuture.failedFuture(connection.closedException("request"));
        }
        Call call = new Call(lastId.incrementAndGet(), timeout);
        calls.put(call.key, call);
        watch(call.deadline);
        if (connection.isClosed()) {
            // The close may have swept the calls before this one was listed.
            if (calls.remove(call.key, call)) {
                call.completeExceptionally(connection.closedException("request " + call.id));
            }
            return call;
        }
        CompletionStage<Void> sent = connection.writer().send(new RpcFrame.Request(call.id, payload).encode());
        if (!(sent instanceof CompletableFuture<Void> done && done.isDone() && !done.isCompletedExceptionally())) {
            sent.whenComplete((ok, failure) -> {
                if (failure != null && calls.remove(call.key, call)) {
                    later(() -> call.completeExceptionally(notSent("request " + call.id, failure)));
                }
            });
        }
        return call;
    }

    /**
     * Makes sure a sweep runs by {@code deadline}. One sweep is armed at a time, for the earliest
     * deadline not yet swept; a call whose deadline comes later, the usual case, costs one read.
     */
    private void watch(long deadline) {
        if (sweepAt <= deadline) {
            return;
        }
        synchronized (this) {
            if (sweepAt <= deadline) {
                return;
            }
            if (sweep != null) {
                sweep.cancel(false);
            }
            sweepAt = deadline;
            sweep = timer.schedule(Duration.ofNanos(Math.max(0, deadline - now())), this::sweep);
        }
    }

    /**
     * On the timer thread: fails the calls whose deadline has passed (on the timeout executor, with
     * a cancel to the peer), and arms the next sweep for the earliest deadline left, at least
     * {@link #SWEEP_GAP} away so that many calls timing out one after the other are swept together.
     */
    private void sweep() {
        synchronized (this) {
            sweepAt = NOT_ARMED;
            sweep = null;
        }
        long now = now();
        long next = NOT_ARMED;
        for (CompletableFuture<byte[]> listed : calls.values()) {
            Call call = (Call) listed;
            if (call.deadline <= now) {
                if (calls.remove(call.key, call)) {
                    Tasks.later(connection.timeoutExecutor(), () -> {
                        call.completeExceptionally(new RpcTimeoutException(call.id, call.timeout));
                        cancelRemotely(call.id);
                    });
                }
            } else {
                next = Math.min(next, call.deadline);
            }
        }
        if (next != NOT_ARMED) {
            watch(Math.max(next, now + SWEEP_GAP));
        }
    }

    /** Sends a fire-and-forget request; the stage completes when it has been written. */
    CompletionStage<Void> send(byte[] payload) {
        if (!connection.isOpen()) {
            return CompletableFuture.failedFuture(connection.closedException("fire-and-forget request"));
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        connection.writer().send(new RpcFrame.Notification(payload).encode()).whenComplete((ok, failure) -> later(() -> {
            if (failure == null) {
                sent.complete(null);
            } else {
                sent.completeExceptionally(notSent("fire-and-forget request", failure));
            }
        }));
        return sent;
    }

    /** The reply to call {@code id} arrived. */
    void replied(long id, byte[] payload) {
        CompletableFuture<byte[]> call = calls.remove(id);
        if (call == null) {
            LOG.log(Level.DEBUG, "{0}: reply to request {1}: no call waits for it (late, cancelled or unknown); dropped",
                    connection, id);
            return;
        }
        if (inline) {
            call.complete(payload);
        } else {
            later(() -> call.complete(payload));
        }
    }

    /** The error reply to call {@code id} arrived. */
    void failed(long id, String message) {
        CompletableFuture<byte[]> call = calls.remove(id);
        if (call == null) {
            LOG.log(Level.DEBUG, "{0}: error reply to request {1}: no call waits for it (late, cancelled or unknown); dropped",
                    connection, id);
            return;
        }
        later(() -> call.completeExceptionally(new RpcErrorException(message)));
    }

    /** The connection closed: fails every call left (call this on the executor). */
    void closed() {
        calls.keySet().forEach(id -> {
            CompletableFuture<byte[]> call = calls.remove(id);
            if (call != null) {
                call.completeExceptionally(connection.closedException("request " + id));
            }
        });
    }

    private long now() {
        return System.nanoTime() - origin;
    }

    int size() {
        return calls.size();
    }

    private void cancelRemotely(long id) {
        if (connection.isOpen()) {
            connection.writer().send(new RpcFrame.Cancel(id).encode());
        }
    }

    private RpcException notSent(String what, Throwable failure) {
        Throwable cause = Tasks.unwrap(failure);
        if (cause instanceof WebSocketClosedException) {
            return new RpcClosedException(what + ": not sent: " + cause.getMessage(), cause);
        }
        return new RpcException(what + ": not sent: " + cause.getMessage(), cause);
    }

    private void later(Runnable task) {
        Tasks.complete(options.executor(), task);
    }
}
