package io.jetring.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every Java block of {@code docs/rpc.md} is compiled code, word for word; the JS block uses the real exports. */
class RpcGuideDocTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLES = ROOT.resolve("examples/src/main");

    @Test
    void theGuidesJavaExamplesAreTheCompiledOnes() throws Exception {
        String guide = Files.readString(ROOT.resolve("docs/rpc.md"));
        String source = Files.readString(EXAMPLES.resolve("java/io/jetring/examples/RpcGuide.java"));
        List<String> blocks = blocks(guide, "```java\n");
        assertThat(blocks).hasSize(10);
        for (String block : blocks) {
            assertThat(source).as("docs/rpc.md block starting %s", block.lines().findFirst().orElse(""))
                    .contains(indented(block));
        }
    }

    @Test
    void theGuidesBrowserExampleUsesWhatRpcJsExports() throws Exception {
        String guide = Files.readString(ROOT.resolve("docs/rpc.md"));
        String module = Files.readString(EXAMPLES.resolve("resources/io/jetring/examples/rpc.js"));
        List<String> blocks = blocks(guide, "```js\n");
        assertThat(blocks).hasSize(1);
        for (String name : List.of("connect", "text")) {
            assertThat(module).contains("export function " + name + "(");
        }
        for (String name : List.of("RpcError", "RpcTimeoutError", "RpcClosedError")) {
            assertThat(module).contains("export class " + name + " ");
        }
        assertThat(blocks.get(0)).contains("import { connect, text, RpcError, RpcTimeoutError } from '/rpc.js';");
    }

    @Test
    void theReadmeListsTheRpcPages() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).contains("[docs/rpc.md](docs/rpc.md)").contains("[docs/rpc-protocol.md](docs/rpc-protocol.md)");
    }

    private static List<String> blocks(String markdown, String fence) {
        List<String> blocks = new ArrayList<>();
        int at = markdown.indexOf(fence);
        while (at >= 0) {
            int end = markdown.indexOf("```", at + fence.length());
            blocks.add(markdown.substring(at + fence.length(), end));
            at = markdown.indexOf(fence, end + 3);
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
