package io.jetring.rpc;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * One inbound request, as a {@link RpcHandler} sees it.
 *
 * @param connection the connection it came on: the handler may call the peer back through it
 * @param id         the request id if the peer expects an answer (type {@code 0x01}); empty for a
 *                   fire-and-forget request (type {@code 0xFF})
 * @param payload    the request's bytes; the array is the handler's
 * @param cancelled  completes when the answer is no longer wanted: the peer cancelled the request,
 *                   the handler timed out, or the connection closed. Long handlers may listen to it
 *                   and stop early; it never completes for a request answered in time. It is the
 *                   connection's to complete: on a request it made, completing it is refused
 *                   ({@code toCompletableFuture()} gives a copy)
 */
public record RpcRequest(RpcConnection connection, OptionalLong id, byte[] payload, CompletionStage<Void> cancelled) {

    /** Requires every field. */
    public RpcRequest {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    /** Whether the peer waits for an answer: true iff the request has an id. */
    public boolean expectsReply() {
        return id.isPresent();
    }

    /** A request with another payload (for stages that rewrite it). */
    public RpcRequest withPayload(byte[] payload) {
        return new RpcRequest(connection, id, payload, cancelled);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RpcRequest other && connection.equals(other.connection) && id.equals(other.id)
                && Arrays.equals(payload, other.payload) && cancelled.equals(other.cancelled);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connection, id, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RpcRequest[" + (id.isPresent() ? "id " + id.getAsLong() : "fire-and-forget") + ", " + payload.length + " bytes]";
    }
}
