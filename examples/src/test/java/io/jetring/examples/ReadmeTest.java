package io.jetring.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's example is the compiled {@link Hello}, word for word, and the CI script runs the README's test command. */
class ReadmeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void readmeExampleIsTheCompiledHelloClass() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String block = readme.substring(readme.indexOf("```java\n") + 8, readme.indexOf("```", readme.indexOf("```java\n") + 8));
        String source = Files.readString(ROOT.resolve("examples/src/main/java/io/jetring/examples/Hello.java"));
        assertThat(source).isEqualTo("package io.jetring.examples;\n\n" + block);
    }

    @Test
    void ciRunsTheReadmeTestCommand() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String ci = Files.readString(ROOT.resolve(".ci/run"));
        assertThat(readme).contains("```sh\nmvn -B verify\n```");
        assertThat(ci).contains("mvn -B verify");
    }
}
