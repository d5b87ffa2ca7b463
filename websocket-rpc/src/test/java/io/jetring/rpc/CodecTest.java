package io.jetring.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bytes, UTF-8 and JSON codecs, and the messages of their failures. */
class CodecTest {
    record Question(String text, int priority) {
    }

    record Answer(String text, List<String> sources) {
    }

    @Test
    void bytesIsTheIdentity() {
        byte[] bytes = {1, 2, 3};
        assertThat(Codec.bytes().encode(bytes)).isSameAs(bytes);
        assertThat(Codec.bytes().decode(bytes)).isSameAs(bytes);
    }

    @Test
    void utf8IsStrict() {
        assertThat(Codec.utf8().encode("héllo €")).isEqualTo("héllo €".getBytes(StandardCharsets.UTF_8));
        assertThat(Codec.utf8().decode("héllo €".getBytes(StandardCharsets.UTF_8))).isEqualTo("héllo €");
        assertThatThrownBy(() -> Codec.utf8().decode(new byte[] {(byte) 0xC3}))
                .isInstanceOf(CodecException.class).hasMessage("not valid UTF-8 text (1 bytes)");
    }

    @Test
    void jsonReadsAndWritesRecords() {
        JsonCodec<Question> questions = JsonCodec.of(Question.class);
        byte[] json = questions.encode(new Question("why?", 2));
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"why?\",\"priority\":2}");
        assertThat(questions.decode(json)).isEqualTo(new Question("why?", 2));
        // Unknown properties are ignored, so that either side can add a field first.
        assertThat(questions.decode("{\"text\":\"a\",\"priority\":1,\"new\":true}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Question("a", 1));
        JsonCodec<Answer> answers = JsonCodec.of(Answer.class);
        assertThat(answers.decode(answers.encode(new Answer("because", List.of("a", "b")))))
                .isEqualTo(new Answer("because", List.of("a", "b")));
    }

    @Test
    void jsonFailuresNameTheTypeAndPositionButNotTheInput() {
        JsonCodec<Question> questions = JsonCodec.of(Question.class);
        assertThatThrownBy(() -> questions.decode("{\"text\": secret".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("JSON: not a Question at line 1, column ")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> questions.decode("null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class).hasMessage("JSON: null (expected: a Question)");
        assertThatThrownBy(() -> questions.decode(new byte[0]))
                .isInstanceOf(CodecException.class).hasMessageStartingWith("JSON: not a Question");
    }

    @Test
    void ofWrapsFunctionsAndTheirFailures() {
        Codec<Integer> ints = Codec.of("an int", i -> Integer.toString(i).getBytes(StandardCharsets.UTF_8),
                bytes -> Integer.parseInt(new String(bytes, StandardCharsets.UTF_8)));
        assertThat(ints.decode(ints.encode(42))).isEqualTo(42);
        assertThatThrownBy(() -> ints.decode("x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class).hasMessage("cannot decode an int from 1 bytes")
                .hasCauseInstanceOf(NumberFormatException.class);
        Codec<String> nothing = Codec.of("nothing", s -> new byte[0], bytes -> null);
        assertThatThrownBy(() -> nothing.decode(new byte[0]))
                .isInstanceOf(CodecException.class).hasMessage("cannot decode nothing from 0 bytes: no value");
    }
}
