package io.jetring.rpc;

import io.jetring.api.Request;
import io.jetring.api.ws.CloseCodes;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketClosedException;
import io.jetring.api.ws.WebSocketListener;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One RPC connection: the {@link WebSocketListener} that owns a WebSocket and the
 * {@link RpcConnection} the application uses, on either side.
 *
 * <p>Inbound: the listener demands {@code maxConcurrentRequests + maxQueuedRequests} messages when it
 * opens. A reply, an error reply or a cancel is dealt with at once and demands the next message; a
 * request holds its unit of demand until its answer has been written (or, without an id, until its
 * handler is done). At most {@code maxConcurrentRequests} handlers run at once; the other requests
 * wait in {@link #waiting}, in order. So a connection with every unit in use reads nothing more: the
 * peer's sends back up in TCP instead of in memory here.
 *
 * <p>Outbound: a call is an entry id → future in {@link #calls}, removed by whichever comes first of
 * the reply, the error reply, the timeout, the close, a failed send or the caller's cancel.
 */
final class RpcEndpoint implements WebSocketListener.Demanding, RpcConnection {
    private static final System.Logger LOG = System.getLogger("io.jetring.rpc");
    private static final int MAX_ERROR_MESSAGE = 1000;

    private final RpcHandler handler;
    private final RpcOptions options;
    private final Consumer<RpcEndpoint> onOpen;
    private final ConcurrentHashMap<Long, CompletableFuture<byte[]>> calls = new ConcurrentHashMap<>();
    /** Every inbound request taken and not finished. */
    private final Set<Inbound> taken = ConcurrentHashMap.newKeySet();
    /** The requests of {@link #taken} that have an id, by id: for cancels and duplicate ids. */
    private final ConcurrentHashMap<Long, Inbound> inbound = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private final InboundSlots slots = new InboundSlots();
    /** Requests read and admitted but not yet handed to the handler; guarded by itself. */
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    /** Handlers running; guarded by {@link #waiting}. */
    private int running;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile WebSocket ws;
    private volatile FrameWriter writer;
    private volatile boolean isClosed;
    private volatile String closedBecause = "it is not open yet";
    private volatile Throwable closeCause;
    /** The peer broke the wire format: whatever it sends until the close is ignored. */
    private volatile boolean violated;
    private volatile String refusal = "connection draining";

    /** One inbound request being handled. */
    private static final class Inbound {
        final OptionalLong id;
        final CompletableFuture<Void> cancelled = new CompletableFuture<>();
        /** Cancelled by the peer or cut off by the close: no answer is sent. */
        volatile boolean unwanted;
        /** The handler's result, once it runs; completed by the close if still pending. */
        volatile CompletableFuture<Optional<byte[]>> outcome;

        Inbound(OptionalLong id) {
            this.id = id;
        }
    }

    /** A handler that did not finish within the handler timeout; its message goes to the peer. */
    private static final class HandlerTimeoutException extends RpcErrorException {
        HandlerTimeoutException(Duration timeout) {
            super("handler timed out after " + timeout);
        }
    }

    RpcEndpoint(RpcHandler handler, RpcOptions options, Consumer<RpcEndpoint> onOpen) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
    }

    // ---- the WebSocket's events ----

    @Override
    public void onOpen(WebSocket ws) {
        this.ws = ws;
        this.writer = new FrameWriter(ws);
        closedBecause = "it is closing";
        onOpen.accept(this);
        ws.request((long) options.maxConcurrentRequests() + options.maxQueuedRequests());
    }

    @Override
    public void onBinary(WebSocket ws, byte[] data) {
        if (violated) {
            return;
        }
        RpcFrame frame;
        try {
            frame = RpcFrame.decode(data);
        } catch (RpcProtocolException e) {
            violated(e);
            return;
        }
        if (frame instanceof RpcFrame.Request request) {
            received(OptionalLong.of(request.id()), request.payload());
        } else if (frame instanceof RpcFrame.Notification notification) {
            received(OptionalLong.empty(), notification.payload());
        } else {
            if (frame instanceof RpcFrame.Reply reply) {
                answered(reply.id(), reply.payload());
            } else if (frame instanceof RpcFrame.ErrorReply error) {
                failedRemotely(error.id(), error.message());
            } else {
                cancelledRemotely(((RpcFrame.Cancel) frame).id());
            }
            ws.request(1);
        }
    }

    @Override
    public void onText(WebSocket ws, String text) {
        if (violated) {
            return;
        }
        violated(new RpcProtocolException(CloseCodes.UNSUPPORTED_DATA,
                "a text message (expected: binary messages only, the RPC wire format)"));
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        if (closeCause == null) {
            closeCause = error;
        }
    }

    @Override
    public void onClose(WebSocket ws, int code, String reason) {
        if (!(closeCause instanceof RpcProtocolException)) {
            closedBecause = "the connection closed with " + code + (reason.isEmpty() ? "" : " (" + reason + ")");
        }
        isClosed = true;
        slots.closed();
        // Handlers still running are told; their answers, and their timers, are dropped now. All are
        // marked first: ending one starts the next waiting request, which must then not run.
        List<Inbound> cut = List.copyOf(taken);
        cut.forEach(in -> in.unwanted = true);
        cut.forEach(in -> {
            in.cancelled.complete(null);
            CompletableFuture<Optional<byte[]>> outcome = in.outcome;
            if (outcome != null) {
                outcome.completeExceptionally(new RpcClosedException(closedBecause));
            }
        });
        later(() -> {
            calls.keySet().forEach(id -> {
                CompletableFuture<byte[]> call = calls.remove(id);
                if (call != null) {
                    call.completeExceptionally(closedException("request " + id));
                }
            });
            closed.complete(null);
        });
    }

    // ---- inbound requests ----

    private void received(OptionalLong id, byte[] payload) {
        if (id.isPresent() && inbound.containsKey(id.getAsLong())) {
            violated(new RpcProtocolException(CloseCodes.PROTOCOL_ERROR, "request id " + id.getAsLong()
                    + " is already being handled (expected: an id not in use)"));
            return;
        }
        if (!slots.tryStart()) {
            refuse(id);
            return;
        }
        Inbound in = new Inbound(id);
        taken.add(in);
        id.ifPresent(i -> inbound.put(i, in));
        Runnable start = () -> {
            try {
                options.executor().execute(() -> handle(in, payload));
            } catch (RejectedExecutionException e) {
                answer(in, null, e);
            }
        };
        synchronized (waiting) {
            if (running >= options.maxConcurrentRequests()) {
                waiting.add(start);
                return;
            }
            running++;
        }
        start.run();
    }

    private void refuse(OptionalLong id) {
        if (id.isEmpty()) {
            LOG.log(Level.DEBUG, "{0}: fire-and-forget request dropped: {1}", this, refusal);
            ws.request(1);
            return;
        }
        writer.sendAnswer(new RpcFrame.ErrorReply(id.getAsLong(), refusal).encode())
                .whenComplete((ok, failure) -> ws.request(1));
    }

    private void handle(Inbound in, byte[] payload) {
        if (in.unwanted) {
            // Cancelled, or the connection closed, while it waited for a handler.
            finish(in);
            return;
        }
        CompletionStage<Optional<byte[]>> stage;
        try {
            stage = Objects.requireNonNull(handler.handle(new RpcRequest(this, in.id, payload, in.cancelled.minimalCompletionStage())),
                    "the handler returned null (expected: a CompletionStage)");
        } catch (Throwable t) {
            stage = CompletableFuture.failedFuture(t);
        }
        CompletableFuture<Optional<byte[]>> outcome = new CompletableFuture<>();
        in.outcome = outcome;
        if (in.unwanted) {
            // The close came while the handler was being called, and may have missed the outcome.
            outcome.completeExceptionally(new RpcClosedException(closedBecause));
        }
        Duration limit = options.handlerTimeout();
        ScheduledFuture<?> timer = Timers.schedule(limit, () -> later(() -> {
            if (outcome.completeExceptionally(new HandlerTimeoutException(limit))) {
                in.cancelled.complete(null);
            }
        }));
        outcome.whenComplete((value, failure) -> {
            timer.cancel(false);
            answer(in, value, failure);
        });
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(value);
            }
        });
    }

    private void answer(Inbound in, Optional<byte[]> value, Throwable failure) {
        if (in.unwanted) {
            finish(in);
            return;
        }
        Throwable cause = unwrap(failure);
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
        writer.sendAnswer(frame.encode()).whenComplete((ok, sendFailure) -> finish(in));
    }

    private void finish(Inbound in) {
        taken.remove(in);
        in.id.ifPresent(id -> inbound.remove(id, in));
        slots.finish();
        Runnable next;
        synchronized (waiting) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run();
        }
        ws.request(1);
    }

    private void cancelledRemotely(long id) {
        Inbound in = inbound.remove(id);
        if (in == null) {
            LOG.log(Level.DEBUG, "{0}: cancel of request {1}: not being handled; ignored", this, id);
            return;
        }
        in.unwanted = true;
        in.cancelled.complete(null);
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
            LOG.log(Level.WARNING, "{0}: {1}: {2}", this, what, cause.getMessage());
        } else if (cause instanceof RpcErrorException || cause instanceof CodecException) {
            LOG.log(Level.DEBUG, "{0}: {1}: answered with an error: {2}", this, what, cause.getMessage());
        } else {
            LOG.log(Level.WARNING, this + ": " + what + ": the handler failed", cause);
        }
    }

    // ---- outbound calls ----

    @Override
    public CompletionStage<byte[]> request(byte[] payload) {
        return request(payload, options.timeout());
    }

    @Override
    public CompletionStage<byte[]> request(byte[] payload, Duration timeout) {
        Objects.requireNonNull(payload, "payload");
        RpcOptions.requirePositive("timeout", timeout);
        if (!isOpen()) {
            return CompletableFuture.failedFuture(closedException("request"));
        }
        long id = lastId.incrementAndGet();
        CompletableFuture<byte[]> call = new CompletableFuture<>();
        calls.put(id, call);
        ScheduledFuture<?> timer = Timers.schedule(timeout, () -> later(() -> {
            if (calls.remove(id, call)) {
                call.completeExceptionally(new RpcTimeoutException(id, timeout));
                cancelRemotely(id);
            }
        }));
        call.whenComplete((reply, failure) -> {
            timer.cancel(false);
            // Still listed: the caller completed or cancelled the stage itself.
            if (calls.remove(id, call)) {
                cancelRemotely(id);
            }
        });
        if (isClosed) {
            // The close may have swept the calls before this one was listed.
            if (calls.remove(id, call)) {
                call.completeExceptionally(closedException("request " + id));
            }
            return call;
        }
        writer.send(new RpcFrame.Request(id, payload).encode()).whenComplete((ok, failure) -> {
            if (failure != null && calls.remove(id, call)) {
                later(() -> call.completeExceptionally(notSent("request " + id, failure)));
            }
        });
        return call;
    }

    @Override
    public CompletionStage<Void> send(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (!isOpen()) {
            return CompletableFuture.failedFuture(closedException("fire-and-forget request"));
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        writer.send(new RpcFrame.Notification(payload).encode()).whenComplete((ok, failure) -> later(() -> {
            if (failure == null) {
                sent.complete(null);
            } else {
                sent.completeExceptionally(notSent("fire-and-forget request", failure));
            }
        }));
        return sent;
    }

    private void answered(long id, byte[] payload) {
        CompletableFuture<byte[]> call = calls.remove(id);
        if (call == null) {
            LOG.log(Level.DEBUG, "{0}: reply to request {1}: no call waits for it (late, cancelled or unknown); dropped", this, id);
            return;
        }
        later(() -> call.complete(payload));
    }

    private void failedRemotely(long id, String message) {
        CompletableFuture<byte[]> call = calls.remove(id);
        if (call == null) {
            LOG.log(Level.DEBUG, "{0}: error reply to request {1}: no call waits for it (late, cancelled or unknown); dropped", this, id);
            return;
        }
        later(() -> call.completeExceptionally(new RpcErrorException(message)));
    }

    private void cancelRemotely(long id) {
        if (isOpen()) {
            writer.send(new RpcFrame.Cancel(id).encode());
        }
    }

    // ---- the connection ----

    @Override
    public CompletionStage<Void> drain() {
        return drain("connection draining");
    }

    /** Drains, refusing new requests with {@code refusal}. */
    CompletionStage<Void> drain(String refusal) {
        if (!slots.isDraining()) {
            this.refusal = refusal;
        }
        return slots.drain().minimalCompletionStage();
    }

    @Override
    public CompletionStage<Void> close() {
        return close(CloseCodes.NORMAL, "");
    }

    @Override
    public CompletionStage<Void> close(int code, String reason) {
        if (isOpen()) {
            closedBecause = "close(" + code + ") was called";
        }
        ws.close(code, reason);
        return whenClosed();
    }

    @Override
    public CompletionStage<Void> whenClosed() {
        return closed.minimalCompletionStage();
    }

    @Override
    public boolean isOpen() {
        WebSocket socket = ws;
        return socket != null && !isClosed && socket.isOpen();
    }

    @Override
    public int pendingCalls() {
        return calls.size();
    }

    @Override
    public int activeRequests() {
        return slots.active();
    }

    @Override
    public Request upgradeRequest() {
        return ws.upgradeRequest();
    }

    @Override
    public String toString() {
        WebSocket socket = ws;
        return "RpcConnection[" + (socket == null ? "not open" : socket.upgradeRequest().path() + (isOpen() ? "" : ", closed"))
                + ", " + calls.size() + " calls, " + slots.active() + " requests]";
    }

    // ---- helpers ----

    /** The peer broke the wire format: close with the violation's code; calls fail with its message. */
    private void violated(RpcProtocolException e) {
        violated = true;
        LOG.log(Level.WARNING, "{0}: {1}; closing with {2}", this, e.getMessage(), e.closeCode());
        if (closeCause == null) {
            closeCause = e;
            closedBecause = "the connection was closed with " + e.closeCode() + ": the peer sent " + e.getMessage();
        }
        String reason = e.getMessage();
        ws.close(e.closeCode(), reason.length() <= CloseCodes.MAX_REASON_BYTES ? reason : reason.substring(0, CloseCodes.MAX_REASON_BYTES));
    }

    private RpcClosedException closedException(String what) {
        return new RpcClosedException(what + ": " + (ws == null ? "the connection is not open" : closedBecause), closeCause);
    }

    private RpcException notSent(String what, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof WebSocketClosedException) {
            return new RpcClosedException(what + ": not sent: " + cause.getMessage(), cause);
        }
        return new RpcException(what + ": not sent: " + cause.getMessage(), cause);
    }

    /** Runs {@code task} on the executor, so that callers' callbacks never run on a reading or timer thread. */
    private void later(Runnable task) {
        try {
            options.executor().execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
