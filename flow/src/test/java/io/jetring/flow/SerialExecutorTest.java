package io.jetring.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void aTaskSubmittedFromATaskRunsAfterItNotInsideIt() {
        SerialExecutor executor = new SerialExecutor();
        List<String> order = new ArrayList<>();
        executor.execute(() -> {
            order.add("first begins");
            executor.execute(() -> order.add("second"));
            order.add("first ends");
        });
        assertThat(order).containsExactly("first begins", "first ends", "second");
    }
}
