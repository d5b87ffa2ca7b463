package io.jetring.api.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.api.Request;
import io.jetring.api.RequestContext;
import io.jetring.api.Response;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthTest {
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Request request = Request.builder().path("/health")
            .context(RequestContext.of(ForkJoinPool.commonPool(), stopping::get)).build();

    @Test
    void livenessIs200EvenWhileStopping() throws Exception {
        assertThat(Health.live().isAsync()).isTrue();
        assertThat(Health.live().handle(request).status()).isEqualTo(200);
        stopping.set(true);
        assertThat(Health.live().handle(request).status()).isEqualTo(200);
    }

    @Test
    void readinessFollowsTheServersStop() throws Exception {
        Response ready = Health.ready().handle(request);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.header("Cache-Control")).contains("no-store");
        stopping.set(true);
        assertThat(Health.ready().handle(request).status()).isEqualTo(503);
    }

    @Test
    void anApplicationCheckCanHoldReadinessBack() throws Exception {
        AtomicBoolean database = new AtomicBoolean();
        assertThat(Health.ready(database::get).handle(request).status()).isEqualTo(503);
        database.set(true);
        assertThat(Health.ready(database::get).handle(request).status()).isEqualTo(200);
        stopping.set(true);
        assertThat(Health.ready(database::get).handle(request).status()).isEqualTo(503);
    }

    @Test
    void aDetachedRequestIsNeverStopping() throws Exception {
        assertThat(Health.ready().handle(Request.builder().build()).status()).isEqualTo(200);
    }
}
