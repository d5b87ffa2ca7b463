package io.jetring.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every Java block of {@code docs/websocket.md} is compiled code, word for word. */
class WebSocketGuideDocTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SOURCES = ROOT.resolve("examples/src/main/java/io/jetring/examples");

    @Test
    void theGuidesExamplesAreTheCompiledOnes() throws Exception {
        String guide = Files.readString(ROOT.resolve("docs/websocket.md"));
        String sources = Files.readString(SOURCES.resolve("WebSocketGuide.java"))
                + Files.readString(SOURCES.resolve("WebSocketEcho.java"));
        List<String> blocks = javaBlocks(guide);
        assertThat(blocks).hasSize(3);
        for (String block : blocks) {
            assertThat(sources).as("docs/websocket.md block starting %s", block.lines().findFirst().orElse(""))
                    .contains(indented(block));
        }
    }

    private static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        int at = markdown.indexOf("```java\n");
        while (at >= 0) {
            int end = markdown.indexOf("```", at + 8);
            blocks.add(markdown.substring(at + 8, end));
            at = markdown.indexOf("```java\n", end + 3);
        }
        return blocks;
    }

    /** The block as it sits in a class body: every non-empty line indented by four spaces. */
    private static String indented(String block) {
        StringBuilder out = new StringBuilder();
        block.lines().forEach(line -> out.append(line.isEmpty() ? "" : "    " + line).append('\n'));
        return out.toString();
    }
}
