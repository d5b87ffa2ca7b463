package io.jetring.rpc;

import io.jetring.api.ws.WebSocket;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The requests one connection has taken from its peer, from the moment they are read until their
 * answer has been written.
 *
 * <p>The backpressure: the connection demands {@code maxConcurrentRequests + maxQueuedRequests}
 * messages when it opens, and every request holds one unit of that demand until it is done; other
 * messages give theirs back at once ({@link #demandNext()}). At most {@code maxConcurrentRequests}
 * handlers run; the other requests wait in {@link #waiting}, in order. A non-blocking handler is
 * called on the thread that read its request (or that finished the request before it); a blocking
 * one on the blocking executor. With every unit held the
 * WebSocket reads nothing, and the peer's sends back up in TCP instead of in memory here.
 */
final class InboundRequests {
    private static final System.Logger LOG = System.getLogger("io.jetring.rpc");
    private static final int MAX_ERROR_MESSAGE = 1000;

    private final RpcConnection connection;
    private final RpcHandler handler;
    private final boolean blocking;
    private final RpcOptions options;
    /** The handler timeouts of the handlers still running. */
    private final Sweeper deadlines;
    /** The requests taken and not done that have an id, by id: for cancels and duplicate ids. */
    private final ConcurrentHashMap<Long, Inbound> byId = new ConcurrentHashMap<>();
    /** The fire-and-forget requests taken and not done. */
    private final Set<Inbound> notifications = ConcurrentHashMap.newKeySet();
    private final InboundSlots slots = new InboundSlots();
    /** Requests taken but not yet handed to the handler, in order; guarded by itself. */
    private final Deque<Inbound> waiting = new ArrayDeque<>();
    /** Handlers running; guarded by {@link #waiting}. */
    private int running;
    /** A thread is starting waiting requests ({@link #dispatch}); guarded by {@link #waiting}. */
    private boolean dispatching;
    private volatile String refusal = "connection draining";
    private volatile WebSocket ws;
    private volatile FrameWriter writer;
    /** Where blocking handlers run, and where timeouts are answered; set at open. */
    private volatile Executor blockingExecutor;

    /** One request taken; as a task, it handles itself (on the blocking executor). */
    private final class Inbound implements Runnable, FrameWriter.Written {
        final OptionalLong id;
        /** The id boxed once, for {@link #byId}; null for a fire-and-forget request. */
        final Long key;
        final byte[] payload;
        final Signal cancelled = new Signal();
        /** Cancelled by the peer or cut off by the close: no answer is sent. */
        volatile boolean unwanted;
        /** The handler's result, while it is pending; completed by the close if still pending. */
        volatile CompletableFuture<Optional<byte[]>> outcome;
        /** When a pending handler times out ({@link Sweeper} time); set before {@link #outcome}. */
        volatile long deadline = Sweeper.NONE;

        Inbound(OptionalLong id, Long key, byte[] payload) {
            this.id = id;
            this.key = key;
            this.payload = payload;
        }

        @Override
        public void run() {
            handle(this);
        }

        @Override
        public void written(Throwable failure) {
            finish(this);
        }
    }

    /**
     * The request's {@code cancelled} stage, handed to the handler as it is: completed only here
     * (through {@link #signal}); a handler's attempt to complete it is refused. One object per
     * request instead of a future and its read-only view.
     */
    private static final class Signal extends CompletableFuture<Void> {
        void signal() {
            super.complete(null);
        }

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("cancelled: completed by the connection only");
        }

        @Override
        public boolean complete(Void value) {
            throw refused();
        }

        @Override
        public boolean completeExceptionally(Throwable failure) {
            throw refused();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            throw refused();
        }

        // The timed and async completions would fail later, on the JDK's own threads: refuse them now.
        @Override
        public CompletableFuture<Void> orTimeout(long timeout, TimeUnit unit) {
            throw refused();
        }

        @Override
        public CompletableFuture<Void> completeOnTimeout(Void value, long timeout, TimeUnit unit) {
            throw refused();
        }

        @Override
        public CompletableFuture<Void> completeAsync(Supplier<? extends Void> supplier,
                                                     Executor executor) {
            throw refused();
        }

        @Override
        public CompletableFuture<Void> completeAsync(Supplier<? extends Void> supplier) {
            throw refused();
        }

        @Override
        public void obtrudeValue(Void value) {
            throw refused();
        }

        @Override
        public void obtrudeException(Throwable failure) {
            throw refused();
        }

        @Override
        public CompletableFuture<Void> toCompletableFuture() {
            // A copy, as for a minimal stage: completing it changes nothing here.
            return thenApply(v -> v);
        }
    }

    /** A handler that did not finish within the handler timeout; its message goes to the peer. */
    private static final class HandlerTimeoutException extends RpcErrorException {
        HandlerTimeoutException(Duration timeout) {
            super("handler timed out after " + timeout);
        }
    }

    InboundRequests(RpcConnection connection, RpcHandler handler, RpcOptions options, RpcTimer timer) {
        this.connection = connection;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.blocking = handler.isBlocking();
        this.options = options;
        this.deadlines = new Sweeper(timer, this::timeOut);
    }

    /** The WebSocket is open: demand what the bounds allow. */
    void opened(WebSocket ws, FrameWriter writer) {
        this.ws = ws;
        this.writer = writer;
        this.blockingExecutor = options.blockingExecutor().orElseGet(() -> ws.upgradeRequest().context().blockingExecutor());
        ws.request((long) options.maxConcurrentRequests() + options.maxQueuedRequests());
    }

    /** A message that is not a request was dealt with: read the next one. */
    void demandNext() {
        ws.request(1);
    }

    /**
     * A request arrived: handles it, queues it, or (while draining) refuses it. Returns false, and
     * takes nothing, if its id is one still being handled: a protocol violation.
     */
    boolean received(OptionalLong id, byte[] payload) {
        Long key = id.isPresent() ? id.getAsLong() : null;
        if (key != null && byId.containsKey(key)) {
            return false;
        }
        if (!slots.tryStart()) {
            refuse(id);
            return true;
        }
        Inbound in = new Inbound(id, key, payload);
        if (key != null) {
            byId.put(key, in);
        } else {
            notifications.add(in);
        }
        boolean now;
        synchronized (waiting) {
            now = running < options.maxConcurrentRequests() && waiting.isEmpty();
            if (now) {
                running++;
            } else {
                waiting.add(in);
            }
        }
        if (now) {
            start(in);
        } else {
            dispatch();
        }
        return true;
    }

    /** Calls the handler: here for a non-blocking one, on the blocking executor for a blocking one. */
    private void start(Inbound in) {
        if (!blocking) {
            handle(in);
            return;
        }
        try {
            blockingExecutor.execute(in);
        } catch (RejectedExecutionException e) {
            answer(in, null, e);
        }
    }

    /**
     * Starts waiting requests while handlers are free. One thread at a time does it, in a loop, so
     * that handlers that finish at once do not start the next one recursively.
     */
    private void dispatch() {
        Inbound next;
        synchronized (waiting) {
            if (dispatching || running >= options.maxConcurrentRequests() || (next = waiting.poll()) == null) {
                return;
            }
            running++;
            dispatching = true;
        }
        while (true) {
            try {
                start(next);
            } catch (RuntimeException | Error e) {
                synchronized (waiting) {
                    dispatching = false;
                }
                throw e;
            }
            synchronized (waiting) {
                if (running >= options.maxConcurrentRequests() || (next = waiting.poll()) == null) {
                    dispatching = false;
                    return;
                }
                running++;
            }
        }
    }

    /** The peer cancelled request {@code id}: no answer; its handler is told. */
    void cancelled(long id) {
        Inbound in = byId.remove(id);
        if (in == null) {
            LOG.log(Level.DEBUG, "{0}: cancel of request {1}: not being handled; ignored", connection, id);
            return;
        }
        in.unwanted = true;
        in.cancelled.signal();
    }

    /** Takes no more requests (they get the error reply {@code refusal}); completes when all taken are done. */
    CompletableFuture<Void> drain(String refusal) {
        if (!slots.isDraining()) {
            this.refusal = refusal;
        }
        return slots.drain();
    }

    /** The connection closed: every request taken is dropped now, with its timer, and its handler told. */
    void closed(String why) {
        slots.closed();
        // All are marked first: ending one starts the next waiting request, which must then not run.
        List<Inbound> cut = new ArrayList<>(byId.values());
        cut.addAll(notifications);
        cut.forEach(in -> in.unwanted = true);
        cut.forEach(in -> {
            in.cancelled.signal();
            CompletableFuture<Optional<byte[]>> outcome = in.outcome;
            if (outcome != null) {
                outcome.completeExceptionally(new RpcClosedException(why));
            }
        });
    }

    /** Where blocking handlers run and timeouts are answered (known once open). */
    Executor blockingExecutor() {
        return blockingExecutor;
    }

    /** Requests taken and not done. */
    int active() {
        return slots.active();
    }

    private void refuse(OptionalLong id) {
        if (id.isEmpty()) {
            LOG.log(Level.DEBUG, "{0}: fire-and-forget request dropped: {1}", connection, refusal);
            demandNext();
            return;
        }
        writer.sendAnswer(new RpcFrame.ErrorReply(id.getAsLong(), refusal).encode(), failure -> demandNext());
    }

    private void handle(Inbound in) {
        if (in.unwanted) {
            // Cancelled, or the connection closed, while it waited for a handler.
            finish(in);
            return;
        }
        RpcRequest request = new RpcRequest(connection, in.id, in.payload, in.cancelled);
        if (blocking) {
            // The timer runs while the handler blocks: it must be set before the call.
            complete(watch(in), call(request));
            return;
        }
        CompletionStage<Optional<byte[]>> stage = call(request);
        if (stage instanceof CompletableFuture<Optional<byte[]>> done && done.isDone()) {
            // Answered at once, the common case of a non-blocking handler: no timer to set.
            Optional<byte[]> value = null;
            Throwable failure = null;
            try {
                value = done.getNow(null);
            } catch (Throwable t) {
                failure = t;
            }
            answer(in, value, failure);
            return;
        }
        complete(watch(in), stage);
    }

    private CompletionStage<Optional<byte[]>> call(RpcRequest request) {
        try {
            return Objects.requireNonNull(handler.handle(request), "the handler returned null (expected: a CompletionStage)");
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    /** The outcome of a handler still running: answered when it completes, or when the handler timeout fires. */
    private CompletableFuture<Optional<byte[]>> watch(Inbound in) {
        CompletableFuture<Optional<byte[]>> outcome = new CompletableFuture<>();
        in.deadline = deadlines.deadline(options.handlerTimeout());
        in.outcome = outcome;
        if (in.unwanted) {
            // The close came while the handler was being called, and may have missed the outcome.
            outcome.completeExceptionally(new RpcClosedException("the connection closed"));
        }
        deadlines.watch(in.deadline);
        outcome.whenComplete((value, failure) -> answer(in, value, failure));
        return outcome;
    }

    /**
     * On the timer thread: answers the handlers whose time is up (on the blocking executor) with
     * the timeout error, and tells them; returns the earliest deadline left.
     */
    private long timeOut(long now) {
        long next = Sweeper.NONE;
        for (Inbound in : byId.values()) {
            next = Math.min(next, timeOut(in, now));
        }
        for (Inbound in : notifications) {
            next = Math.min(next, timeOut(in, now));
        }
        return next;
    }

    private long timeOut(Inbound in, long now) {
        CompletableFuture<Optional<byte[]>> outcome = in.outcome;
        if (outcome == null || outcome.isDone()) {
            return Sweeper.NONE;
        }
        if (in.deadline > now) {
            return in.deadline;
        }
        Duration limit = options.handlerTimeout();
        Tasks.later(blockingExecutor, () -> {
            if (outcome.completeExceptionally(new HandlerTimeoutException(limit))) {
                in.cancelled.signal();
            }
        });
        return Sweeper.NONE;
    }

    private static void complete(CompletableFuture<Optional<byte[]>> outcome, CompletionStage<Optional<byte[]>> stage) {
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(value);
            }
        });
    }

    /** Sends the one answer a request with an id gets (none if unwanted), then ends the request. */
    private void answer(Inbound in, Optional<byte[]> value, Throwable failure) {
        if (in.unwanted) {
            finish(in);
            return;
        }
        Throwable cause = Tasks.unwrap(failure);
        if (cause == null && value == null) {
            cause = new NullPointerException("the handler's stage completed with null (expected: an Optional)");
        }
        if (in.id.isEmpty()) {
            if (cause != null) {
                log(cause, "a fire-and-forget request");
            }
            finish(in);
            return;
        }
        long id = in.id.getAsLong();
        RpcFrame frame;
        if (cause != null) {
            log(cause, "request " + id);
            frame = new RpcFrame.ErrorReply(id, errorMessage(cause));
        } else if (value.isPresent()) {
            frame = new RpcFrame.Reply(id, value.get());
        } else {
            frame = new RpcFrame.ErrorReply(id, "no reply");
        }
        writer.sendAnswer(frame.encode(), in);
    }

    /** A request is done: its unit of demand goes back, and the next waiting request may run. */
    private void finish(Inbound in) {
        if (in.key != null) {
            byId.remove(in.key, in);
        } else {
            notifications.remove(in);
        }
        slots.finish();
        synchronized (waiting) {
            running--;
        }
        dispatch();
        demandNext();
    }

    private String errorMessage(Throwable cause) {
        String message = null;
        try {
            message = options.errorMessages().apply(cause);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the errorMessages function threw", e);
        }
        if (message == null) {
            message = "internal error";
        }
        return message.length() <= MAX_ERROR_MESSAGE ? message : message.substring(0, MAX_ERROR_MESSAGE);
    }

    private void log(Throwable cause, String what) {
        if (cause instanceof HandlerTimeoutException) {
            LOG.log(Level.WARNING, "{0}: {1}: {2}", connection, what, cause.getMessage());
        } else if (cause instanceof RpcErrorException || cause instanceof CodecException) {
            LOG.log(Level.DEBUG, "{0}: {1}: answered with an error: {2}", connection, what, cause.getMessage());
        } else {
            LOG.log(Level.WARNING, connection + ": " + what + ": the handler failed", cause);
        }
    }
}
