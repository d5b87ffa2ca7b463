package io.jetring.rpc;

import io.jetring.api.InvalidOptionException;
import java.time.Duration;
import java.util.Objects;
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
 *   <tr><td>executor</td><td>{@link ForkJoinPool#commonPool()}</td><td>runs handlers and completes calls</td></tr>
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
 * @param executor              where handlers are called and where calls complete, never the
 *                              connection's reading thread; handlers on the default pool must not block
 * @param errorMessages         the message of the error reply for a handler's failure; it should not
 *                              reveal internals (the default shows only {@link RpcErrorException} messages)
 */
public record RpcOptions(
        Duration timeout,
        int maxConcurrentRequests,
        int maxQueuedRequests,
        Duration handlerTimeout,
        Executor executor,
        Function<Throwable, String> errorMessages) {

    /** The largest {@link #maxConcurrentRequests} and {@link #maxQueuedRequests}. */
    public static final int MAX_CONCURRENT_REQUESTS = 100_000;

    private static final RpcOptions DEFAULTS = new RpcOptions(Duration.ofSeconds(10), 64, 64, Duration.ofSeconds(30),
            ForkJoinPool.commonPool(), RpcOptions::defaultErrorMessage);

    /** Checks every rule; the message names the first option that breaks one. */
    public RpcOptions {
        requirePositive("timeout", timeout);
        requirePositive("handlerTimeout", handlerTimeout);
        Objects.requireNonNull(executor, "executor");
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
        private Executor executor;
        private Function<Throwable, String> errorMessages;

        private Builder(RpcOptions o) {
            timeout = o.timeout;
            maxConcurrentRequests = o.maxConcurrentRequests;
            maxQueuedRequests = o.maxQueuedRequests;
            handlerTimeout = o.handlerTimeout;
            executor = o.executor;
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
         * Where handlers run and calls complete. For handlers that block, give a pool made for it
         * (on Java 21, {@code Executors.newVirtualThreadPerTaskExecutor()}).
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** The message of the error reply for a handler's failure. */
        public Builder errorMessages(Function<Throwable, String> errorMessages) {
            this.errorMessages = errorMessages;
            return this;
        }

        /** The options; throws {@link InvalidOptionException} naming the first value that breaks a rule. */
        public RpcOptions build() {
            return new RpcOptions(timeout, maxConcurrentRequests, maxQueuedRequests, handlerTimeout, executor, errorMessages);
        }
    }
}
