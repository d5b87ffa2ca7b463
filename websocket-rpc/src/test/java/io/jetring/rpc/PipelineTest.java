package io.jetring.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stages composed into handlers: values flow, drops end without a reply, failures fail. */
class PipelineTest {
    private static final RpcConnection NO_CONNECTION = new RpcEndpoint(RpcHandler.echo(), RpcOptions.defaults(), new RpcTimer(), c -> { });

    private static RpcRequest request(String text) {
        return new RpcRequest(NO_CONNECTION, OptionalLong.of(1), text.getBytes(StandardCharsets.UTF_8), new CompletableFuture<>());
    }

    private static Optional<String> run(RpcHandler handler, String text) throws Exception {
        return handler.handle(request(text)).toCompletableFuture().get(10, TimeUnit.SECONDS)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void mapFilterDropAndKeepComposeLikeATransducer(Form form) throws Exception {
        RpcHandler handler = form.of(Pipeline.payloads())
                .map(Codec.utf8()::decode)
                .filter(text -> !text.isBlank())
                .drop(text -> text.startsWith("#"))
                .keep(text -> text.length() < 10 ? Optional.of(text.toUpperCase(Locale.ROOT)) : Optional.empty())
                .reply(Codec.utf8());
        assertThat(handler.isBlocking()).as("the form, fixed when built").isEqualTo(form == Form.BLOCKING);
        assertThat(run(handler, "hello")).contains("HELLO");
        assertThat(run(handler, "  ")).as("filtered out").isEmpty();
        assertThat(run(handler, "#comment")).as("dropped").isEmpty();
        assertThat(run(handler, "far too long")).as("not kept").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void asyncStepsWaitForTheirStages(Form form) throws Exception {
        ExecutorService blocking = Executors.newSingleThreadExecutor();
        try {
            List<String> threads = new CopyOnWriteArrayList<>();
            RpcHandler handler = form.of(Pipeline.payloads())
                    .map(Codec.utf8()::decode)
                    .mapAsync(text -> CompletableFuture.supplyAsync(() -> text + " later",
                            CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)))
                    .mapOn(blocking, text -> {
                        threads.add(Thread.currentThread().getName());
                        return text + " blocked";
                    })
                    .peek(text -> threads.add("peek " + text))
                    .reply(Codec.utf8());
            assertThat(run(handler, "now")).contains("now later blocked");
            assertThat(threads).hasSize(2);
            assertThat(threads.get(0)).startsWith("pool-");
            assertThat(threads.get(1)).isEqualTo("peek now later blocked");
        } finally {
            blocking.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void aThrowingOrFailingStepFailsTheHandlerAndSkipsTheRest(Form form) {
        List<String> reached = new CopyOnWriteArrayList<>();
        RpcHandler throwing = form.of(Pipeline.payloads())
                .map(bytes -> {
                    throw new IllegalStateException("boom");
                })
                .peek(x -> reached.add("after throw"))
                .noReply();
        assertThatThrownBy(() -> run(throwing, "x")).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("boom");
        RpcHandler failing = form.of(Pipeline.payloads())
                .<byte[]>mapAsync(bytes -> CompletableFuture.failedFuture(new RpcErrorException("nope")))
                .peek(x -> reached.add("after failure"))
                .reply(Codec.bytes());
        assertThatThrownBy(() -> run(failing, "x")).hasRootCauseInstanceOf(RpcErrorException.class);
        RpcHandler nullMap = form.of(Pipeline.payloads()).<byte[]>map(bytes -> null).reply(Codec.bytes());
        assertThatThrownBy(() -> run(nullMap, "x")).hasRootCauseInstanceOf(NullPointerException.class);
        RpcHandler nullStage = form.of(Pipeline.payloads()).<byte[]>then(bytes -> null).reply(Codec.bytes());
        assertThatThrownBy(() -> run(nullStage, "x")).hasRootCauseMessage("a pipeline stage returned null (expected: a CompletionStage)");
        assertThat(reached).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void stagesAreReusableValuesJoinedWithThen(Form form) throws Exception {
        Stage<String, String> trim = Stages.map(String::strip);
        Stage<String, Integer> length = Stages.<String>filter(s -> !s.isEmpty()).then(Stages.map(String::length));
        Stage<String, Integer> both = trim.then(length);
        assertThat(both.apply("  abc ").toCompletableFuture().get()).contains(3);
        assertThat(both.apply("   ").toCompletableFuture().get()).isEmpty();
        RpcHandler handler = form.of(Pipeline.payloads()).map(Codec.utf8()::decode).then(both)
                .reply(n -> Integer.toString(n).getBytes(StandardCharsets.UTF_8));
        assertThat(run(handler, " four ")).contains("4");
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void requestsGiveTheWholeRequestAndNoReplyNeverReplies(Form form) throws Exception {
        RpcHandler ids = form.of(Pipeline.requests()).map(r -> r.id().getAsLong() + ":" + r.expectsReply()).reply(Codec.utf8());
        assertThat(run(ids, "x")).contains("1:true");
        List<String> seen = new CopyOnWriteArrayList<>();
        RpcHandler sink = form.of(Pipeline.payloads()).map(Codec.utf8()::decode).peek(seen::add).noReply();
        assertThat(run(sink, "note")).isEmpty();
        assertThat(seen).containsExactly("note");
        assertThat(run(RpcHandler.echo(), "same")).contains("same");
        assertThatThrownBy(() -> run(RpcHandler.refuse("not here"), "x")).hasRootCauseMessage("not here");
    }
}
