package io.jetring.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.jetring.jetty.JetServer;
import io.jetring.jetty.ServerOptions;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code docs/guide.md} is true to the code: every Java block is a run of lines of a compiled source
 * (indentation aside), and its {@code pom.xml} names modules of the BOM and the versions this build uses.
 */
class GuideDocTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLES = ROOT.resolve("examples/src");
    private static final List<Path> SOURCES = List.of(
            EXAMPLES.resolve("main/java/io/jetring/examples/FirstRoute.java"),
            EXAMPLES.resolve("main/java/io/jetring/examples/NoteStore.java"),
            EXAMPLES.resolve("main/java/io/jetring/examples/NotesApp.java"),
            EXAMPLES.resolve("main/java/io/jetring/examples/DemoServer.java"),
            EXAMPLES.resolve("test/java/io/jetring/examples/NotesContract.java"));

    @Test
    void everyJavaBlockIsCompiledCode() throws Exception {
        String guide = Files.readString(ROOT.resolve("docs/guide.md"));
        List<List<String>> sources = new ArrayList<>();
        for (Path source : SOURCES) {
            sources.add(stripped(Files.readString(source)));
        }
        List<String> blocks = blocks(guide, "java");
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(15);
        for (String block : blocks) {
            List<String> lines = stripped(block);
            assertThat(sources.stream().anyMatch(source -> Collections.indexOfSubList(source, lines) >= 0))
                    .as("docs/guide.md block starting %s is in one of %s", block.lines().findFirst().orElse(""), SOURCES)
                    .isTrue();
        }
    }

    @Test
    void thePomImportsTheBomAndUsesTheBuildsVersions() throws Exception {
        List<String> poms = blocks(Files.readString(ROOT.resolve("docs/guide.md")), "xml");
        assertThat(poms).hasSize(1);
        Document pom = parse(poms.get(0));
        Document root = parse(Files.readString(ROOT.resolve("pom.xml")));
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        Element imported = (Element) ((Element) pom.getElementsByTagName("dependencyManagement").item(0))
                .getElementsByTagName("dependency").item(0);
        assertThat(text(imported, "artifactId")).isEqualTo("jetring-bom");
        assertThat(text(imported, "version")).isEqualTo(text(root.getDocumentElement(), "version"));
        Map<String, String> versions = Map.of("h2", "h2.version", "postgresql", "postgresql.version",
                "HikariCP", "hikaricp.version", "slf4j-simple", "slf4j.version");
        Element properties = (Element) root.getElementsByTagName("properties").item(0);
        NodeList dependencies = ((Element) pom.getDocumentElement().getElementsByTagName("dependencies").item(1))
                .getElementsByTagName("dependency");
        assertThat(dependencies.getLength()).isEqualTo(8);
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String artifact = text(dependency, "artifactId");
            if (text(dependency, "groupId").equals("io.jetring")) {
                assertThat(dependency.getElementsByTagName("version").getLength()).as(artifact + ": versioned by the BOM").isZero();
                assertThat(bom).as(artifact + " is in the BOM").contains("<artifactId>" + artifact + "</artifactId>");
            } else {
                assertThat(versions).as(artifact).containsKey(artifact);
                assertThat(text(dependency, "version")).as(artifact).isEqualTo(text(properties, versions.get(artifact)));
            }
        }
    }

    @Test
    void theFirstRouteAnswersOverASocket() throws Exception {
        try (JetServer server = JetServer.run(FirstRoute.app(), ServerOptions.builder().host("127.0.0.1").port(0).build())) {
            HttpResponse<String> hello = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/hello/Ada"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(hello.body()).isEqualTo("Hello, Ada!");
        }
    }

    /** The lines with their indentation removed, so that a block matches the code it was cut from. */
    private static List<String> stripped(String text) {
        return text.lines().map(String::strip).toList();
    }

    private static List<String> blocks(String markdown, String language) {
        String open = "```" + language + "\n";
        List<String> blocks = new ArrayList<>();
        for (int at = markdown.indexOf(open); at >= 0; at = markdown.indexOf(open, at + 1)) {
            blocks.add(markdown.substring(at + open.length(), markdown.indexOf("```", at + open.length())));
        }
        return blocks;
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(child)) {
                return element.getTextContent().trim();
            }
        }
        throw new AssertionError("no <" + child + "> in <" + parent.getTagName() + ">");
    }
}
