package io.jetring.rpc;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The two forms of handler, for tests that must hold in both: the same handler called on the thread
 * that read the request, or declared blocking and called on the blocking executor.
 */
enum Form {
    NON_BLOCKING,
    BLOCKING;

    /** {@code handler} in this form. */
    RpcHandler of(RpcHandler handler) {
        if (this == NON_BLOCKING) {
            return handler;
        }
        return new RpcHandler() {
            @Override
            public CompletionStage<Optional<byte[]>> handle(RpcRequest request) throws Exception {
                return handler.handle(request);
            }

            @Override
            public boolean isBlocking() {
                return true;
            }
        };
    }

    /** {@code pipeline} in this form. */
    <T> Pipeline<T> of(Pipeline<T> pipeline) {
        return this == NON_BLOCKING ? pipeline : pipeline.blocking();
    }
}
