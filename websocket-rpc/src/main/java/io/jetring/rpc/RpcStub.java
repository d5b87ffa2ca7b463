package io.jetring.rpc;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Typed calls over an {@link RpcConnection}: requests of type {@code Q} written by one codec, replies
 * of type {@code R} read by another. A reply that cannot be read fails the call with {@link CodecException}.
 *
 * <pre>{@code
 * RpcStub<Question, Answer> oracle = connection.stub(JsonCodec.of(Question.class), JsonCodec.of(Answer.class));
 * oracle.request(new Question("why?")).thenAccept(answer -> System.out.println(answer.text()));
 * }</pre>
 *
 * @param <Q> the type of the requests
 * @param <R> the type of the replies
 */
public final class RpcStub<Q, R> {
    private final RpcConnection connection;
    private final Codec<Q> requests;
    private final Codec<R> replies;

    /** Typed calls over {@code connection}. */
    public RpcStub(RpcConnection connection, Codec<Q> requests, Codec<R> replies) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.replies = Objects.requireNonNull(replies, "replies");
    }

    /** Sends {@code request} and reads its reply, waiting for the connection's default timeout. */
    public CompletionStage<R> request(Q request) {
        return connection.request(requests.encode(request)).thenApply(replies::decode);
    }

    /** Sends {@code request} and reads its reply, waiting for {@code timeout}. */
    public CompletionStage<R> request(Q request, Duration timeout) {
        return connection.request(requests.encode(request), timeout).thenApply(replies::decode);
    }

    /** Sends {@code request} as a fire-and-forget request. */
    public CompletionStage<Void> send(Q request) {
        return connection.send(requests.encode(request));
    }

    /** The connection the calls go over. */
    public RpcConnection connection() {
        return connection;
    }

    @Override
    public String toString() {
        return "RpcStub[" + requests + " -> " + replies + "]";
    }
}
