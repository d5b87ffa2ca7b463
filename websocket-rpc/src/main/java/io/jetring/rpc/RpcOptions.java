package io.jetring.rpc;

import io.jetring.api.InvalidOptionException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/**
 * How an RPC connection behaves, one immutable value for server and client alike. Start from
 * {@link #defaults()} or {@link #builder()}.
 *
 * <table>
 *   <caption>RPC options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>rule</th></tr>
 *   <tr><td>timeout</td><td>10 s</td><td>positive; how long a call waits for its answer, unless the call says otherwise</td></tr>
 *   <tr><td>maxConcurrentRequests</td><td>64</td><td>1..100000; inbound requests handled at once per connection</td></tr>
 *   <tr><td>maxQueuedRequests</td><td>64</td><td>0..100000; inbound requests read ahead, waiting for a handler;
 *       with both bounds reached the connection stops reading</td></tr>
 *   <tr><td>handlerTimeout</td><td>30 s</td><td>positive; a handler still running then is answered with an error</td></tr>
 *   <tr><td>executor</td><td>none</td><td>where this side's calls complete; none: on the thread that read the answer</td></tr>
 *   <tr><td>blockingExecutor</td><td>none</td><td>runs {@linkplain RpcHandler#isBlocking() blocking} handlers; none: the
 *       upgrade request's {@code blockingExecutor()} (on a jetring server its worker pool, or virtual threads);
 *       never {@link ForkJoinPool#commonPool()}</td></tr>
 *   <tr><td>errorMessages</td><td>{@link #defaultErrorMessage}</td><td>the text of the error reply for a failed handler</td></tr>
 * </table>
 *
 * @param timeout               the default time a call waits for its answer
 * @param maxConcurrentRequests the most inbound requests (with or without an id) one connection
 *                              handles at once
 * @param maxQueuedRequests     the most inbound requests read and waiting for a free handler; the
 *                              connection reads nothing more until one is done. The read-ahead lets
 *                              replies to this side's calls through while every handler is busy
 *                              (handlers that call the same peer back wait for those replies)
 * @param handlerTimeout        how long a handler may take before its request is answered with the
 *                              error {@code handler timed out} (its result is then dropped)
 * @param executor              where the stages of this side's calls complete; empty (the default)
 *                              completes them on the thread that read the answer, with no hand-off, so
 *                              what is chained to them without an executor must not block
 * @param blockingExecutor      where {@linkplain RpcHandler#isBlocking() blocking} handlers run; empty (the
 *                              default) uses the upgrade request's
 *                              {@link io.jetring.api.RequestContext#blockingExecutor() blockingExecutor()}:
 *                              on a jetring server its worker pool, or its virtual threads. Non-blocking
 *                              handlers, the default form, run on the thread that read the request
 * @param errorMessages         the message of the error reply for a handler's failure; it should not
 *                              reveal internals (the default shows only {@link RpcErrorException} messages)
 */
public record RpcOptions(
        Duration timeout,
        int maxConcurrentRequests,
        int maxQueuedRequests,
        Duration handlerTimeout,
        Optional<Executor> executor,
        Optional<Executor> blockingExecutor,
        Function<Throwable, String> errorMessages) {

    /** The largest {@link #maxConcurrentRequests} and {@link #maxQueuedRequests}. */
    public static final int MAX_CONCURRENT_REQUESTS = 100_000;

    private static final RpcOptions DEFAULTS = new RpcOptions(Duration.ofSeconds(10), 64, 64, Duration.ofSeconds(30),
            Optional.empty(), Optional.empty(), RpcOptions::defaultErrorMessage);

    /** Checks every rule; the message names the first option that breaks one. */
    public RpcOptions {
        requirePositive("timeout", timeout);
        requirePositive("handlerTimeout", handlerTimeout);
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(blockingExecutor, "blockingExecutor");
        if (blockingExecutor.orElse(null) == ForkJoinPool.commonPool()) {
            throw InvalidOptionException.of("blockingExecutor", "ForkJoinPool.commonPool()",
                    "an executor whose threads may block, such as a worker pool or virtual threads");
        }
        Objects.requireNonNull(errorMessages, "errorMessages");
        if (maxConcurrentRequests < 1 || maxConcurrentRequests > MAX_CONCURRENT_REQUESTS) {
            throw InvalidOptionException.of("maxConcurrentRequests", maxConcurrentRequests, "1.." + MAX_CONCURRENT_REQUESTS);
        }
        if (maxQueuedRequests < 0 || maxQueuedRequests > MAX_CONCURRENT_REQUESTS) {
            throw InvalidOptionException.of("maxQueuedRequests", maxQueuedRequests, "0.." + MAX_CONCURRENT_REQUESTS);
        }
    }

    /** Every option at its default. */
    public static RpcOptions defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder that starts from these options. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /**
     * The default error message: an {@link RpcErrorException}'s own message, {@code bad request: …}
     * for a {@link CodecException} (a request that could not be decoded), else {@code internal error}.
     */
    public static String defaultErrorMessage(Throwable failure) {
        if (failure instanceof RpcErrorException error) {
            return error.getMessage();
        }
        if (failure instanceof CodecException codec) {
            return "bad request: " + codec.getMessage();
        }
        return "internal error";
    }

    static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.toMillis() < 1) {
            throw InvalidOptionException.of(name, value, "a positive duration of at least 1 ms");
        }
    }

    /** Builds {@link RpcOptions}; {@link #build()} checks the rules. */
    public static final class Builder {
        private Duration timeout;
        private int maxConcurrentRequests;
        private int maxQueuedRequests;
        private Duration handlerTimeout;
        private Optional<Executor> executor;
        private Optional<Executor> blockingExecutor;
        private Function<Throwable, String> errorMessages;

        private Builder(RpcOptions o) {
            timeout = o.timeout;
            maxConcurrentRequests = o.maxConcurrentRequests;
            maxQueuedRequests = o.maxQueuedRequests;
            handlerTimeout = o.handlerTimeout;
            executor = o.executor;
            blockingExecutor = o.blockingExecutor;
            errorMessages = o.errorMessages;
        }

        /** How long a call waits for its answer unless the call says otherwise. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The most inbound requests one connection handles at once. */
        public Builder maxConcurrentRequests(int max) {
            this.maxConcurrentRequests = max;
            return this;
        }

        /** The most inbound requests read ahead and waiting for a handler; 0 reads none ahead. */
        public Builder maxQueuedRequests(int max) {
            this.maxQueuedRequests = max;
            return this;
        }

        /** How long a handler may take before its request is answered with an error. */
        public Builder handlerTimeout(Duration handlerTimeout) {
            this.handlerTimeout = handlerTimeout;
            return this;
        }

        /**
         * Where the stages of this side's calls complete, for callers that chain blocking work to
         * them; by default they complete on the thread that read the answer.
         */
        public Builder executor(Executor executor) {
            this.executor = Optional.of(Objects.requireNonNull(executor, "executor"));
            return this;
        }

        /**
         * Where {@linkplain RpcHandler#isBlocking() blocking} handlers run, instead of the upgrade
         * request's blocking executor (on Java 21, {@code Executors.newVirtualThreadPerTaskExecutor()}).
         */
        public Builder blockingExecutor(Executor blockingExecutor) {
            this.blockingExecutor = Optional.of(Objects.requireNonNull(blockingExecutor, "blockingExecutor"));
            return this;
        }

        /** Calls complete on the thread that read the answer again (the default). */
        public Builder noExecutor() {
            this.executor = Optional.empty();
            return this;
        }

        /** Blocking handlers run on the upgrade request's blocking executor again (the default). */
        public Builder defaultBlockingExecutor() {
            this.blockingExecutor = Optional.empty();
            return this;
        }

        /** The message of the error reply for a handler's failure. */
        public Builder errorMessages(Function<Throwable, String> errorMessages) {
            this.errorMessages = errorMessages;
            return this;
        }

        /** The options; throws {@link InvalidOptionException} naming the first value that breaks a rule. */
        public RpcOptions build() {
            return new RpcOptions(timeout, maxConcurrentRequests, maxQueuedRequests, handlerTimeout, executor, blockingExecutor,
                    errorMessages);
        }
    }
}
