package io.jetring.api.ws;

/**
 * What a send does when the outbound queue is full ({@link WebSocketOptions#outboundQueueLimit()}).
 * Either way memory stays bounded.
 */
public enum OverflowPolicy {
    /** The send's stage fails at once with {@link WebSocketOverflowException}; the socket stays open. */
    FAIL,
    /**
     * The send blocks the calling thread until the queue has room, or fails with
     * {@link WebSocketClosedException} if the socket closes meanwhile. Only for threads that may block.
     */
    BLOCK
}
