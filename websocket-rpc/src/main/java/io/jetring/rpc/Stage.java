package io.jetring.rpc;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One step of a request pipeline, the counterpart of a transducer: it turns a value into at most one
 * value, now or later. An empty result ends the pipeline for this request (filtered out); a failed
 * stage or an exception fails it. Build steps with {@link Stages}, join them with {@link #then}, and
 * finish a pipeline with {@link Pipeline}.
 *
 * @param <A> the type of the input
 * @param <B> the type of the output
 */
@FunctionalInterface
public interface Stage<A, B> {

    /** Runs this step for {@code value}: a value, empty to drop it, or a failure. */
    CompletionStage<Optional<B>> apply(A value) throws Exception;

    /** This step, then {@code next} with its output (skipped when this step dropped the value). */
    default <C> Stage<A, C> then(Stage<? super B, C> next) {
        Objects.requireNonNull(next, "next");
        return value -> Stages.run(this, value).thenCompose(out -> out.isPresent()
                ? Stages.run(next, out.get())
                : CompletableFuture.completedFuture(Optional.empty()));
    }
}
