package io.jetring.api.ws;

import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Response;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link WebSocketHandler} decides for one upgrade request: accept it with a listener (and
 * perhaps a subprotocol), or reject it with an HTTP response.
 */
public sealed interface WebSocketUpgrade permits WebSocketUpgrade.Accept, WebSocketUpgrade.Reject {

    /** Accepts the upgrade; {@code listener} receives this connection's events. */
    static WebSocketUpgrade accept(WebSocketListener listener) {
        return new Accept(listener, Optional.empty());
    }

    /**
     * Accepts the upgrade with {@code subprotocol}, which must be one the client offered in
     * {@code Sec-WebSocket-Protocol} (else the upgrade fails with {@code 500}).
     */
    static WebSocketUpgrade accept(WebSocketListener listener, String subprotocol) {
        return new Accept(listener, Optional.of(subprotocol));
    }

    /** Rejects the upgrade: the client gets {@code response} (status {@code 300..599}) instead of {@code 101}. */
    static WebSocketUpgrade reject(Response response) {
        return new Reject(response);
    }

    /** Rejects the upgrade with this status and no body. */
    static WebSocketUpgrade reject(int status) {
        return new Reject(Response.status(status));
    }

    /**
     * This decision as the response that carries it out: {@link Response#websocket} for an accepted
     * upgrade, the rejection's response otherwise. The root {@link WebSocketHandler} and a handler
     * that answers upgrades itself go through the same path this way.
     */
    default Response toResponse() {
        if (this instanceof Accept accept) {
            return accept.subprotocol().map(p -> Response.websocket(accept.listener(), p))
                    .orElseGet(() -> Response.websocket(accept.listener()));
        }
        return ((Reject) this).response();
    }

    /**
     * An accepted upgrade.
     *
     * @param listener    receives the events of the new WebSocket
     * @param subprotocol the subprotocol to answer with; empty for none
     */
    record Accept(WebSocketListener listener, Optional<String> subprotocol) implements WebSocketUpgrade {
        /** Requires both fields and a non-blank subprotocol. */
        public Accept {
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(subprotocol, "subprotocol");
            subprotocol.ifPresent(p -> {
                if (p.isBlank()) {
                    throw InvalidArgumentException.of("subprotocol", "\"" + p + "\"", "a protocol name the client offered");
                }
            });
        }
    }

    /**
     * A rejected upgrade.
     *
     * @param response what the client gets; status {@code 300..599}
     */
    record Reject(Response response) implements WebSocketUpgrade {
        /** Requires a response whose status is a redirect or an error. */
        public Reject {
            Objects.requireNonNull(response, "response");
            if (response.status() < 300) {
                throw InvalidArgumentException.of("reject status", response.status(), "300..599");
            }
        }
    }
}
