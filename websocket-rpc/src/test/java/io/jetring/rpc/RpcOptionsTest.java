package io.jetring.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jetring.api.InvalidOptionException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** Defaults as documented; bad values named. */
class RpcOptionsTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        RpcOptions defaults = RpcOptions.defaults();
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.maxConcurrentRequests()).isEqualTo(64);
        assertThat(defaults.maxQueuedRequests()).isEqualTo(64);
        assertThat(defaults.handlerTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.executor()).as("calls complete where the answer was read").isEmpty();
        assertThat(defaults.blockingExecutor()).as("the upgrade request's blocking executor").isEmpty();
        assertThat(defaults.errorMessages().apply(new RpcErrorException("no such user: 7"))).isEqualTo("no such user: 7");
        assertThat(defaults.errorMessages().apply(new CodecException("JSON: not a User"))).isEqualTo("bad request: JSON: not a User");
        assertThat(defaults.errorMessages().apply(new IllegalStateException("db password is hunter2"))).isEqualTo("internal error");
    }

    @Test
    void theExecutorsGoBackToTheirDefaults() {
        Executor inline = Runnable::run;
        RpcOptions set = RpcOptions.builder().executor(inline).blockingExecutor(inline).build();
        assertThat(set.executor()).contains(inline);
        RpcOptions reset = set.newBuilder().noExecutor().defaultBlockingExecutor().build();
        assertThat(reset.executor()).isEmpty();
        assertThat(reset.blockingExecutor()).isEmpty();
    }

    @Test
    void invalidValuesAreNamed() {
        assertThatThrownBy(() -> RpcOptions.builder().timeout(Duration.ZERO).build())
                .isInstanceOf(InvalidOptionException.class).hasMessage("timeout: PT0S (expected: a positive duration of at least 1 ms)");
        assertThatThrownBy(() -> RpcOptions.builder().handlerTimeout(Duration.ofNanos(5)).build())
                .isInstanceOf(InvalidOptionException.class).hasMessageStartingWith("handlerTimeout: PT0.000000005S");
        assertThatThrownBy(() -> RpcOptions.builder().maxConcurrentRequests(0).build())
                .isInstanceOf(InvalidOptionException.class).hasMessage("maxConcurrentRequests: 0 (expected: 1..100000)");
        assertThatThrownBy(() -> RpcOptions.builder().maxQueuedRequests(-1).build())
                .isInstanceOf(InvalidOptionException.class).hasMessage("maxQueuedRequests: -1 (expected: 0..100000)");
        assertThat(RpcOptions.builder().maxQueuedRequests(0).build().maxQueuedRequests()).isZero();
        assertThatThrownBy(() -> RpcOptions.builder().executor(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("executor");
        assertThatThrownBy(() -> RpcOptions.builder().blockingExecutor(ForkJoinPool.commonPool()).build())
                .isInstanceOf(InvalidOptionException.class).hasMessage("blockingExecutor: ForkJoinPool.commonPool() "
                        + "(expected: an executor whose threads may block, such as a worker pool or virtual threads)");
    }

    @Test
    void newBuilderStartsFromTheseOptions() {
        RpcOptions options = RpcOptions.builder().timeout(Duration.ofSeconds(2)).maxConcurrentRequests(8).build();
        assertThat(options.newBuilder().build()).isEqualTo(options);
        assertThat(options.newBuilder().maxConcurrentRequests(9).build().timeout()).isEqualTo(Duration.ofSeconds(2));
    }
}
