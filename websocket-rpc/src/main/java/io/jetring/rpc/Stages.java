package io.jetring.rpc;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** The built-in {@link Stage}s: map, filter, drop, keep, peek, and the asynchronous steps. */
public final class Stages {
    private Stages() {
    }

    /** Transforms every value; {@code fn} must not return null. */
    public static <A, B> Stage<A, B> map(Function<? super A, ? extends B> fn) {
        Objects.requireNonNull(fn, "fn");
        return value -> done(Optional.of(fn.apply(value)));
    }

    /** Keeps the values that match {@code test}, drops the others. */
    public static <A> Stage<A, A> filter(Predicate<? super A> test) {
        Objects.requireNonNull(test, "test");
        return value -> done(test.test(value) ? Optional.of(value) : Optional.empty());
    }

    /** Drops the values that match {@code test}, keeps the others (Clojure's {@code remove}). */
    public static <A> Stage<A, A> drop(Predicate<? super A> test) {
        Objects.requireNonNull(test, "test");
        return filter(test.negate());
    }

    /** Transforms every value and keeps the results that are present (Clojure's {@code keep}). */
    public static <A, B> Stage<A, B> keep(Function<? super A, Optional<B>> fn) {
        Objects.requireNonNull(fn, "fn");
        return value -> done(Objects.requireNonNull(fn.apply(value), "keep: the function returned null"));
    }

    /** Sees every value, for a side effect such as logging, and passes it on. */
    public static <A> Stage<A, A> peek(Consumer<? super A> action) {
        Objects.requireNonNull(action, "action");
        return value -> {
            action.accept(value);
            return done(Optional.of(value));
        };
    }

    /** An asynchronous step: the value of {@code fn}'s stage is passed on when it completes. */
    public static <A, B> Stage<A, B> mapAsync(Function<? super A, ? extends CompletionStage<B>> fn) {
        Objects.requireNonNull(fn, "fn");
        return value -> Objects.requireNonNull(fn.apply(value), "mapAsync: the function returned null")
                .thenApply(Optional::of);
    }

    /**
     * Runs {@code fn} on {@code executor}: the step for work that blocks (a database, a file), so that
     * it holds a thread of that executor and not one of the connection's.
     */
    public static <A, B> Stage<A, B> mapOn(Executor executor, Function<? super A, ? extends B> fn) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(fn, "fn");
        return value -> CompletableFuture.supplyAsync(() -> Optional.of(fn.apply(value)), executor);
    }

    /** Runs a step, turning a throw or a null result into a failed stage. */
    static <A, B> CompletionStage<Optional<B>> run(Stage<? super A, B> stage, A value) {
        try {
            CompletionStage<Optional<B>> result = stage.apply(value);
            return result != null ? result : CompletableFuture.failedFuture(
                    new NullPointerException("a pipeline stage returned null (expected: a CompletionStage)"));
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    private static <B> CompletionStage<Optional<B>> done(Optional<B> value) {
        return CompletableFuture.completedFuture(value);
    }
}
