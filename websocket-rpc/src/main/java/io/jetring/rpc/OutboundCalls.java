package io.jetring.rpc;

import io.jetring.api.ws.WebSocketClosedException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
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

    private final RpcEndpoint connection;
    private final RpcOptions options;
    private final ConcurrentHashMap<Long, CompletableFuture<byte[]>> calls = new ConcurrentHashMap<>();
    /** Whether calls complete here, where the answer was read, rather than on the options' executor. */
    private final boolean inline;
    private final AtomicLong lastId = new AtomicLong();
    private final Sweeper deadlines;

    OutboundCalls(RpcEndpoint connection, RpcOptions options, RpcTimer timer) {
        this.connection = connection;
        this.options = options;
        this.inline = options.executor().isEmpty();
        this.deadlines = new Sweeper(timer, this::timeOut);
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
            this.deadline = deadlines.deadline(timeout);
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
        deadlines.watch(call.deadline);
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
     * On the timer thread: fails the calls whose deadline has passed (on the timeout executor, with
     * a cancel to the peer); returns the earliest deadline left.
     */
    private long timeOut(long now) {
        long next = Sweeper.NONE;
        for (CompletableFuture<byte[]> listed : calls.values()) {
            Call call = (Call) listed;
            if (call.deadline > now) {
                next = Math.min(next, call.deadline);
            } else if (calls.remove(call.key, call)) {
                Tasks.later(connection.timeoutExecutor(), () -> {
                    call.completeExceptionally(new RpcTimeoutException(call.id, call.timeout));
                    cancelRemotely(call.id);
                });
            }
        }
        return next;
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
