package io.jetring.rpc;

import io.jetring.api.Request;
import io.jetring.api.ws.CloseCodes;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketListener;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One RPC connection: the {@link WebSocketListener} that owns a WebSocket and the
 * {@link RpcConnection} the application uses, on either side. It reads frames and hands requests to
 * {@link InboundRequests} (which holds the backpressure) and answers to {@link OutboundCalls}; a
 * message that breaks the wire format closes the connection with the violation's code.
 */
final class RpcEndpoint implements WebSocketListener.Demanding, RpcConnection {
    private static final System.Logger LOG = System.getLogger("io.jetring.rpc");

    private final RpcOptions options;
    private final RpcTimer timer;
    private final Consumer<RpcEndpoint> onOpen;
    private final InboundRequests inbound;
    private final OutboundCalls calls;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile WebSocket ws;
    private volatile FrameWriter writer;
    private volatile boolean isClosed;
    private volatile String closedBecause = "it is not open yet";
    private volatile Throwable closeCause;
    /** The peer broke the wire format: whatever it sends until the close is ignored. */
    private volatile boolean violated;

    RpcEndpoint(RpcHandler handler, RpcOptions options, RpcTimer timer, Consumer<RpcEndpoint> onOpen) {
        this.options = Objects.requireNonNull(options, "options");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
        this.inbound = new InboundRequests(this, handler, options, timer);
        this.calls = new OutboundCalls(this, options, timer);
    }

    // ---- the WebSocket's events ----

    @Override
    public void onOpen(WebSocket ws) {
        this.ws = ws;
        this.writer = new FrameWriter(ws, timer);
        closedBecause = "it is closing";
        onOpen.accept(this);
        inbound.opened(ws, writer);
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
                calls.replied(reply.id(), reply.payload());
            } else if (frame instanceof RpcFrame.ErrorReply error) {
                calls.failed(error.id(), error.message());
            } else {
                inbound.cancelled(((RpcFrame.Cancel) frame).id());
            }
            inbound.demandNext();
        }
    }

    private void received(OptionalLong id, byte[] payload) {
        if (!inbound.received(id, payload)) {
            violated(new RpcProtocolException(CloseCodes.PROTOCOL_ERROR, "request id " + id.getAsLong()
                    + " is already being handled (expected: an id not in use)"));
        }
    }

    @Override
    public void onText(WebSocket ws, String text) {
        if (!violated) {
            violated(new RpcProtocolException(CloseCodes.UNSUPPORTED_DATA,
                    "a text message (expected: binary messages only, the RPC wire format)"));
        }
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        if (closeCause == null) {
            closeCause = error;
        }
    }

    @Override
    public void onClose(WebSocket ws, int code, String reason) {
        if (!violated) {
            closedBecause = "the connection closed with " + code + (reason.isEmpty() ? "" : " (" + reason + ")");
        }
        isClosed = true;
        inbound.closed(closedBecause);
        Tasks.complete(options.executor(), () -> {
            calls.closed();
            closed.complete(null);
        });
    }

    /** The peer broke the wire format: close with the violation's code; calls fail with its message. */
    private void violated(RpcProtocolException e) {
        violated = true;
        LOG.log(Level.WARNING, "{0}: {1}; closing with {2}", this, e.getMessage(), e.closeCode());
        closeCause = e;
        closedBecause = "the connection was closed with " + e.closeCode() + ": the peer sent " + e.getMessage();
        String reason = e.getMessage();
        ws.close(e.closeCode(), reason.length() <= CloseCodes.MAX_REASON_BYTES ? reason : reason.substring(0, CloseCodes.MAX_REASON_BYTES));
    }

    // ---- the connection ----

    @Override
    public CompletionStage<byte[]> request(byte[] payload) {
        return request(payload, options.timeout());
    }

    @Override
    public CompletionStage<byte[]> request(byte[] payload, Duration timeout) {
        Objects.requireNonNull(payload, "payload");
        RpcOptions.requirePositive("timeout", timeout);
        return calls.request(payload, timeout);
    }

    @Override
    public CompletionStage<Void> send(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        return calls.send(payload);
    }

    @Override
    public CompletionStage<Void> drain() {
        return drain("connection draining");
    }

    /** Drains, refusing new requests with {@code refusal}. */
    CompletionStage<Void> drain(String refusal) {
        return inbound.drain(refusal).minimalCompletionStage();
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
        return inbound.active();
    }

    @Override
    public Request upgradeRequest() {
        return ws.upgradeRequest();
    }

    @Override
    public String toString() {
        WebSocket socket = ws;
        return "RpcConnection[" + (socket == null ? "not open" : socket.upgradeRequest().path() + (isOpen() ? "" : ", closed"))
                + ", " + calls.size() + " calls, " + inbound.active() + " requests]";
    }

    // ---- for OutboundCalls ----

    boolean isClosed() {
        return isClosed;
    }

    RpcTimer timer() {
        return timer;
    }

    FrameWriter writer() {
        return writer;
    }

    /** Where timeouts are answered: never the timer's own thread, which every connection shares. */
    Executor timeoutExecutor() {
        return options.executor().orElse(inbound.blockingExecutor());
    }

    /** Why calls fail now: {@code what: <how the connection closed>}. */
    RpcClosedException closedException(String what) {
        return new RpcClosedException(what + ": " + (ws == null ? "the connection is not open" : closedBecause), closeCause);
    }
}
