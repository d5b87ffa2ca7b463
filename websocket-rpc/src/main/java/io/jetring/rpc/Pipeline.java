package io.jetring.rpc;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds an {@link RpcHandler} from small steps, the way the seed library composed a transducer:
 *
 * <pre>{@code
 * RpcHandler handler = Pipeline.payloads()
 *         .map(Codec.utf8()::decode)
 *         .filter(text -> !text.isBlank())
 *         .map(text -> text.toUpperCase(Locale.ROOT))
 *         .reply(Codec.utf8());
 * }</pre>
 *
 * <p>The handler it builds is non-blocking: it runs on the thread that read the request, so its
 * steps must not block (hand blocking work to {@link #mapOn}). A pipeline whose steps block says so
 * with {@link #blocking()}, anywhere before its last step; its handler then runs on the connection's
 * blocking executor (see {@link RpcHandler}).
 *
 * <p>Each step gets the value of the one before. A step that drops the value ({@code filter},
 * {@code drop}, {@code keep}) ends the pipeline without a reply; a step that throws or fails ends it
 * with an error reply. A pipeline is immutable: every method returns a new one.
 *
 * @param <T> the type of the value at the end of the pipeline so far
 */
public final class Pipeline<T> {
    private final Stage<RpcRequest, T> stage;
    private final boolean blocking;

    private Pipeline(Stage<RpcRequest, T> stage, boolean blocking) {
        this.stage = stage;
        this.blocking = blocking;
    }

    private Pipeline(Stage<RpcRequest, T> stage) {
        this(stage, false);
    }

    /** A pipeline that starts from the whole request (connection, id, payload). */
    public static Pipeline<RpcRequest> requests() {
        return new Pipeline<>(request -> CompletableFuture.completedFuture(Optional.of(request)));
    }

    /** A pipeline that starts from the request's payload. */
    public static Pipeline<byte[]> payloads() {
        return new Pipeline<>(request -> CompletableFuture.completedFuture(Optional.of(request.payload())));
    }

    /** Adds a step. */
    public <R> Pipeline<R> then(Stage<? super T, R> next) {
        return new Pipeline<>(stage.then(next), blocking);
    }

    /**
     * This pipeline, in the blocking form: its steps may block, and the handler it builds runs on
     * the connection's blocking executor instead of the thread that read the request.
     */
    public Pipeline<T> blocking() {
        return new Pipeline<>(stage, true);
    }

    /** Whether the handler this pipeline builds is in the blocking form. */
    public boolean isBlocking() {
        return blocking;
    }

    /** Adds {@link Stages#map}. */
    public <R> Pipeline<R> map(Function<? super T, ? extends R> fn) {
        return then(Stages.map(fn));
    }

    /** Adds {@link Stages#filter}: values that do not match end without a reply. */
    public Pipeline<T> filter(Predicate<? super T> test) {
        return then(Stages.filter(test));
    }

    /** Adds {@link Stages#drop}: values that match end without a reply. */
    public Pipeline<T> drop(Predicate<? super T> test) {
        return then(Stages.drop(test));
    }

    /** Adds {@link Stages#keep}: empty results end without a reply. */
    public <R> Pipeline<R> keep(Function<? super T, Optional<R>> fn) {
        return then(Stages.keep(fn));
    }

    /** Adds {@link Stages#peek}. */
    public Pipeline<T> peek(Consumer<? super T> action) {
        return then(Stages.peek(action));
    }

    /** Adds {@link Stages#mapAsync}: an asynchronous step. */
    public <R> Pipeline<R> mapAsync(Function<? super T, ? extends CompletionStage<R>> fn) {
        return then(Stages.mapAsync(fn));
    }

    /** Adds {@link Stages#mapOn}: a blocking step run on {@code executor}. */
    public <R> Pipeline<R> mapOn(Executor executor, Function<? super T, ? extends R> fn) {
        return then(Stages.mapOn(executor, fn));
    }

    /** The handler that replies with the value at the end, written by {@code codec}. */
    public RpcHandler reply(Codec<? super T> codec) {
        Objects.requireNonNull(codec, "codec");
        return reply(codec::encode);
    }

    /** The handler that replies with {@code encoder}'s bytes for the value at the end. */
    public RpcHandler reply(Function<? super T, byte[]> encoder) {
        Objects.requireNonNull(encoder, "encoder");
        return handler(value -> Optional.of(encoder.apply(value)));
    }

    /**
     * The handler that runs the steps for their effects and never replies: right for fire-and-forget
     * requests; a request with an id gets the error reply {@code no reply}.
     */
    public RpcHandler noReply() {
        return handler(value -> Optional.empty());
    }

    private RpcHandler handler(Function<T, Optional<byte[]>> last) {
        Stage<RpcRequest, T> steps = stage;
        boolean mayBlock = blocking;
        return new RpcHandler() {
            @Override
            public CompletionStage<Optional<byte[]>> handle(RpcRequest request) {
                return Stages.run(steps, request).thenApply(value -> value.flatMap(last));
            }

            @Override
            public boolean isBlocking() {
                return mayBlock;
            }

            @Override
            public String toString() {
                return Pipeline.this.toString();
            }
        };
    }

    @Override
    public String toString() {
        return "Pipeline[" + (blocking ? "blocking, " : "") + stage + "]";
    }
}
