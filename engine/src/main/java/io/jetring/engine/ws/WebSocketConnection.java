package io.jetring.engine.ws;

import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Request;
import io.jetring.api.RequestBody;
import io.jetring.api.ws.CloseCodes;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketClosedException;
import io.jetring.api.ws.WebSocketException;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketProtocolException;
import io.jetring.api.ws.WebSocketTimeoutException;
import io.jetring.flow.Demand;
import io.jetring.flow.SerialExecutor;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The {@link WebSocket} behind every engine: one state machine that enforces the rules of
 * {@code docs/SPEC.md}, section 11 (open before anything, close exactly once and iff opened, an error
 * followed by a close, serial listener calls, bounded sends, reads only on demand, keep-alive pings),
 * so that the Jetty server, the Jetty client and any later engine behave alike.
 *
 * <p>An engine creates one per connection with its {@link Transport} and reports what happens on the
 * wire through the {@code opened}/{@code received…}/{@code failed}/{@code closed} methods: in wire
 * order, each message or ping or pong only after a {@link Transport#demand()}. Applications never use
 * this class directly.
 */
public final class WebSocketConnection implements WebSocket {
    private static final int NEW = 0;
    private static final int OPEN = 1;
    private static final int CLOSING = 2;
    private static final int CLOSED = 3;
    private static final byte[] KEEP_ALIVE = {'k', 'a'};

    private final Transport transport;
    private final WebSocketListener listener;
    private final WebSocketOptions options;
    private final OutboundQueue queue;
    private final SerialExecutor events = new SerialExecutor();
    private final AtomicInteger state = new AtomicInteger(NEW);
    private final AtomicBoolean errorReported = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletionStage<Void> closedView = closed.minimalCompletionStage();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile boolean draining;
    private volatile boolean finished;
    /** Why sends are refused; set with each transition, read only once the state is no longer OPEN. */
    private volatile String closedBecause = "it is closing";
    private volatile Request upgradeRequest;
    private volatile Optional<String> subprotocol = Optional.empty();
    /** A close asked for before the handshake completed, sent as soon as it does. */
    private volatile CloseDue closeDue;
    private volatile ConnectionObserver observer = ConnectionObserver.NONE;
    private volatile Runnable cancelPing = () -> { };
    private volatile boolean pingOutstanding;
    private volatile boolean heardSincePing;
    private volatile boolean pausedSincePing;
    private volatile boolean awaitingFrames;
    // The automatic answers to pings. RFC 6455 (5.5.3) lets one pong answer only the latest ping, so
    // at most one pong is written at a time and later pings replace the payload still due: a peer
    // that pings without reading holds two pongs at most. A pong takes room in the outbound queue.
    private final Object pongs = new Object();
    /** The latest ping's payload, not yet handed to the transport; written under {@code pongs}. */
    private volatile byte[] pongDue;
    private boolean pongWriting;
    private Runnable cancelPongCheck = () -> { };

    /** A connection that reports to {@code listener} and writes through {@code transport}. */
    public WebSocketConnection(Transport transport, WebSocketListener listener, WebSocketOptions options) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.options = Objects.requireNonNull(options, "options");
        this.queue = new OutboundQueue(options.outboundQueueLimit(), options.overflowPolicy());
    }

    private record CloseDue(int code, String reason) {
    }

    /** Reports this connection's open, messages and close to {@code observer}; call before {@link #opened}. */
    public void observe(ConnectionObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    // ---- events from the engine ----

    /** The handshake succeeded: reports {@code onOpen}, then reads on demand and starts the keep-alive pings. */
    public void opened(Request upgradeRequest, Optional<String> subprotocol) {
        this.upgradeRequest = Objects.requireNonNull(upgradeRequest, "upgradeRequest").withBody(RequestBody.empty());
        this.subprotocol = Objects.requireNonNull(subprotocol, "subprotocol");
        if (!state.compareAndSet(NEW, OPEN)) {
            return;
        }
        observer.opened();
        if (!(listener instanceof WebSocketListener.Demanding)) {
            demand.set(Long.MAX_VALUE);
        }
        events.execute(() -> {
            call(() -> listener.onOpen(this));
            pump();
        });
        options.pingInterval().ifPresent(this::schedulePing);
        CloseDue due = closeDue;
        if (due != null) {
            close(due.code(), due.reason());
        }
    }

    /** A whole text message arrived. */
    public void receivedText(String text) {
        ConnectionObserver seen = observer;
        if (seen != ConnectionObserver.NONE) {
            seen.messageIn(utf8Length(text));
        }
        message(() -> listener.onText(this, text));
    }

    /** A whole binary message arrived. */
    public void receivedBinary(byte[] data) {
        observer.messageIn(data.length);
        message(() -> listener.onBinary(this, data));
    }

    /**
     * A ping arrived: answers it (or lets the pong still due answer this one instead), then reports
     * it. A pong that cannot be written within {@code idleTimeout} closes the connection with
     * {@code 1008}: the peer sends without reading.
     */
    public void receivedPing(byte[] payload) {
        heard();
        answer(payload);
        events.execute(() -> {
            if (!finished) {
                call(() -> listener.onPing(this, payload));
            }
            readDone();
        });
    }

    /** A pong arrived. */
    public void receivedPong(byte[] payload) {
        heard();
        events.execute(() -> {
            if (!finished) {
                call(() -> listener.onPong(this, payload));
            }
            readDone();
        });
    }

    /**
     * Something failed on an open connection; the engine closes it and then calls {@link #closed}.
     * Reported to {@code onError} once; ignored before the open and after the close.
     */
    public void failed(Throwable error) {
        int s = state.get();
        if (s == NEW || s == CLOSED) {
            return;
        }
        closing("it failed: " + error);
        queue.close();
        if (errorReported.compareAndSet(false, true)) {
            events.execute(() -> {
                if (!finished) {
                    callLast("onError", () -> listener.onError(this, error));
                }
            });
        }
    }

    /** The connection is closed (the close handshake finished, or the connection ended). Idempotent. */
    public void closed(int code, String reason) {
        int previous = state.getAndSet(CLOSED);
        if (previous == CLOSED) {
            return;
        }
        if (previous == OPEN) {
            closedBecause = "the peer closed it with " + code;
        }
        queue.close();
        cancelPing.run();
        synchronized (pongs) {
            cancelPongCheck.run();
        }
        if (previous == NEW) {
            closed.complete(null);
            return;
        }
        observer.closed(code);
        String why = reason == null ? "" : reason;
        events.execute(() -> {
            finished = true;
            callLast("onClose", () -> listener.onClose(this, code, why));
            closed.complete(null);
        });
    }

    /** Completes once {@code onClose} has returned, or at once for a connection closed before it opened. */
    public CompletionStage<Void> whenClosed() {
        return closedView;
    }

    // ---- the WebSocket ----

    @Override
    public CompletionStage<Void> sendText(String text) {
        Objects.requireNonNull(text, "text");
        long length = utf8Length(text);
        return send(length, true, done -> transport.sendText(text, done));
    }

    @Override
    public CompletionStage<Void> sendBinary(byte[] data) {
        Objects.requireNonNull(data, "data");
        return send(data.length, true, done -> transport.sendBinary(data, done));
    }

    @Override
    public CompletionStage<Void> ping(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > 125) {
            throw InvalidArgumentException.of("ping payload", payload.length + " bytes", "at most 125 bytes");
        }
        return send(payload.length, done -> transport.sendPing(payload, done));
    }

    @Override
    public CompletionStage<Void> close() {
        return close(CloseCodes.NORMAL, "");
    }

    @Override
    public CompletionStage<Void> close(int code, String reason) {
        CloseCodes.check(code, reason);
        if (state.get() == NEW) {
            // Not open yet (a server stop can reach a socket between its handshake and its open):
            // opened() sends it; should it have run meanwhile, this close goes out below.
            closeDue = new CloseDue(code, reason);
        }
        if (state.compareAndSet(OPEN, CLOSING)) {
            closedBecause = "close(" + code + ") was called";
            sendClose(code, reason);
        }
        return closedView;
    }

    @Override
    public void abort() {
        closing("abort() was called");
        queue.close();
        if (state.get() != CLOSED) {
            transport.abort();
        }
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            throw InvalidArgumentException.of("request", n, "> 0 messages");
        }
        Demand.add(demand, n);
        pump();
    }

    @Override
    public boolean isOpen() {
        return state.get() == OPEN;
    }

    @Override
    public Optional<String> subprotocol() {
        return subprotocol;
    }

    @Override
    public Request upgradeRequest() {
        return upgradeRequest;
    }

    @Override
    public String toString() {
        Request request = upgradeRequest;
        String[] names = {"NEW", "OPEN", "CLOSING", "CLOSED"};
        return "WebSocket[" + names[state.get()] + (request == null ? "" : " " + request.path()) + "]";
    }

    // ---- sending ----

    private CompletionStage<Void> send(long payloadSize, Consumer<CompletableFuture<Void>> write) {
        return send(payloadSize, false, write);
    }

    /** Queues a frame; a {@code message} (text or binary) is reported to the observer once accepted. */
    private CompletionStage<Void> send(long payloadSize, boolean message, Consumer<CompletableFuture<Void>> write) {
        if (state.get() != OPEN) {
            return CompletableFuture.failedFuture(closedException());
        }
        // Every send costs at least a byte, so that empty messages cannot pile up without bound either.
        long size = Math.max(1, payloadSize);
        WebSocketException refused = queue.acquire(size, this::closedException);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        if (message) {
            observer.messageOut(payloadSize);
        }
        // The caller gets its own future: completing it by hand cannot upset the queue's count.
        CompletableFuture<Void> result = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.whenComplete((ok, failure) -> {
            queue.release(size);
            if (pongDue != null) {
                writePong();
            }
            if (failure == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(sendFailure(failure));
            }
        });
        try {
            write.accept(done);
        } catch (Throwable t) {
            done.completeExceptionally(t);
        }
        return result;
    }

    private void answer(byte[] payload) {
        synchronized (pongs) {
            if (pongDue == null && !pongWriting) {
                armPongCheck();
            }
            pongDue = payload;
        }
        writePong();
    }

    /** Hands the pong due to the transport iff none is being written and the queue has room for it. */
    private void writePong() {
        byte[] payload;
        long size;
        synchronized (pongs) {
            payload = pongDue;
            if (pongWriting || payload == null) {
                return;
            }
            size = Math.max(1, payload.length);
            if (!queue.tryAcquire(size)) {
                // Waits for room: the release of an earlier send tries again; the check runs meanwhile.
                return;
            }
            pongDue = null;
            pongWriting = true;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.whenComplete((ok, failure) -> {
            queue.release(size);
            synchronized (pongs) {
                pongWriting = false;
                cancelPongCheck.run();
                if (pongDue != null) {
                    armPongCheck();
                }
            }
            writePong();
        });
        try {
            transport.sendPong(payload, done);
        } catch (Throwable t) {
            done.completeExceptionally(t);
        }
    }

    /** Under {@code pongs}: from now on the pong due or being written has {@code idleTimeout} to be written. */
    private void armPongCheck() {
        if (state.get() == CLOSED) {
            return;
        }
        Runnable[] cancel = new Runnable[1];
        Runnable check = () -> pongOverdue(cancel[0]);
        cancel[0] = transport.schedule(options.idleTimeout(), check);
        cancelPongCheck = cancel[0];
    }

    private void pongOverdue(Runnable check) {
        synchronized (pongs) {
            if (cancelPongCheck != check || (pongDue == null && !pongWriting)) {
                return; // written meanwhile
            }
        }
        if (!state.compareAndSet(OPEN, CLOSING)) {
            return;
        }
        closedBecause = "the peer did not read a pong for idleTimeout";
        failed(new WebSocketProtocolException(CloseCodes.POLICY_VIOLATION, "a pong waited longer than idleTimeout ("
                + options.idleTimeout() + ") to be written: the peer sends pings but does not read", null));
        // The close frame is for a peer that starts reading again; one that does not would never take it.
        transport.sendClose(CloseCodes.POLICY_VIOLATION, "pongs not read", new CompletableFuture<>());
        transport.abort();
    }

    private WebSocketClosedException closedException() {
        return new WebSocketClosedException("send: the WebSocket is closed (" + closedBecause + ")");
    }

    private WebSocketException sendFailure(Throwable failure) {
        if (failure instanceof WebSocketException known) {
            return known;
        }
        if (state.get() != OPEN) {
            return new WebSocketClosedException("send: not written, the WebSocket closed (" + closedBecause + ")", failure);
        }
        return new WebSocketException("send: failed: " + failure, failure);
    }

    private void sendClose(int code, String reason) {
        // Keep reading so that the peer's close frame is seen even if the application stopped demanding.
        draining = true;
        queue.close();
        transport.sendClose(code, reason, new CompletableFuture<>());
        pump();
    }

    private void closing(String why) {
        if (state.compareAndSet(OPEN, CLOSING)) {
            closedBecause = why;
        }
    }

    // ---- reading ----

    private void message(Runnable call) {
        heard();
        events.execute(() -> {
            if (takeDemand() && !finished) {
                call(call);
            }
            // else: read while draining after close() with no demand left; the message is dropped.
            readDone();
        });
    }

    private boolean takeDemand() {
        return demand.getAndUpdate(d -> d == Long.MAX_VALUE || d == 0 ? d : d - 1) > 0;
    }

    private void readDone() {
        reading.set(false);
        pump();
    }

    /** Asks the engine for the next event iff there is demand and no read or delivery is under way. */
    private void pump() {
        while (true) {
            int s = state.get();
            if (s == NEW || s == CLOSED || reading.get()) {
                return;
            }
            if (demand.get() == 0 && !draining) {
                pausedSincePing = true;
                return;
            }
            if (reading.compareAndSet(false, true)) {
                awaitingFrames = true;
                transport.demand();
                return;
            }
        }
    }

    private void heard() {
        heardSincePing = true;
        awaitingFrames = false;
    }

    // ---- keep-alive ----

    private void schedulePing(Duration interval) {
        if (state.get() == OPEN) {
            cancelPing = transport.schedule(interval, () -> keepAlive(interval));
        }
    }

    /**
     * Sends the next ping, or gives up on a peer that has not answered the last one. Only a socket
     * that was waiting for frames all along can tell: one whose application held back reading may
     * have the pong unread in its buffers.
     */
    private void keepAlive(Duration interval) {
        if (state.get() != OPEN) {
            return;
        }
        if (pingOutstanding && !heardSincePing && !pausedSincePing && awaitingFrames) {
            failed(new WebSocketTimeoutException("no pong within " + interval + " of a ping (pingInterval): the peer is gone"));
            transport.abort();
            return;
        }
        pingOutstanding = true;
        heardSincePing = false;
        pausedSincePing = !awaitingFrames;
        transport.sendPing(KEEP_ALIVE, new CompletableFuture<>());
        schedulePing(interval);
    }

    // ---- calling the listener ----

    private void call(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (Throwable t) {
            listenerFailed(t);
        }
    }

    private void listenerFailed(Throwable t) {
        if (state.get() == CLOSED) {
            transport.log("a WebSocket listener threw after the close", t);
            return;
        }
        if (errorReported.compareAndSet(false, true)) {
            callLast("onError", () -> listener.onError(this, t));
        } else {
            transport.log("a WebSocket listener threw after an error was reported", t);
        }
        if (state.compareAndSet(OPEN, CLOSING)) {
            closedBecause = "the listener threw " + t;
            sendClose(CloseCodes.INTERNAL_ERROR, "listener failed");
        }
    }

    private void callLast(String method, Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (Throwable t) {
            transport.log("the WebSocket listener's " + method + " threw", t);
        }
    }

    /** The length of {@code text} in UTF-8, without encoding it. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
