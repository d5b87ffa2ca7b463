package io.jetring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module the bom publishes is a named module (its own {@code module-info.class}, not an
 * automatic one), named as its pom's {@code jetring.module.name} and its manifest's
 * {@code Automatic-Module-Name} say, and exports to everyone exactly its API packages: no
 * {@code internal} package, no engine or flow package (but {@code io.jetring.engine.jetty}, which
 * Jetty's WebSocket layer must reach; see its descriptor).
 */
class ModuleDescriptorsTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    /** The packages each published module exports to everyone. */
    private static final Map<String, Set<String>> EXPORTS = Map.ofEntries(
            Map.entry("io.jetring.flow", Set.of()),
            Map.entry("io.jetring.api", Set.of("io.jetring.api", "io.jetring.api.observe", "io.jetring.api.ws")),
            Map.entry("io.jetring.engine", Set.of()),
            Map.entry("io.jetring.engine.jetty", Set.of("io.jetring.engine.jetty")),
            Map.entry("io.jetring.jetty", Set.of("io.jetring.jetty")),
            Map.entry("io.jetring.testing", Set.of("io.jetring.testing")),
            Map.entry("io.jetring.servlet", Set.of("io.jetring.servlet")),
            Map.entry("io.jetring.servlet.jetty", Set.of("io.jetring.servlet.jetty")),
            Map.entry("io.jetring.json", Set.of("io.jetring.json")),
            Map.entry("io.jetring.rpc", Set.of("io.jetring.rpc")),
            Map.entry("io.jetring.client", Set.of("io.jetring.client", "io.jetring.client.ws")),
            Map.entry("io.jetring.router", Set.of("io.jetring.router")),
            Map.entry("io.jetring.middleware", Set.of("io.jetring.middleware")),
            Map.entry("io.jetring.metrics", Set.of("io.jetring.metrics")));

    @Test
    void everyPublishedModuleHasItsDescriptorUnderItsNameAndExportsOnlyItsApi() throws IOException {
        Map<String, Set<String>> exported = new TreeMap<>();
        for (String artifact : published()) {
            String folder = artifact.substring("jetring-".length());
            Path jar = jar(folder);
            String property = moduleNameProperty(ROOT.resolve(folder).resolve("pom.xml"));
            ModuleDescriptor descriptor = ModuleFinder.of(jar).findAll().stream().map(ModuleReference::descriptor)
                    .findFirst().orElseThrow();
            assertThat(descriptor.isAutomatic()).as(jar + ": a module-info.class, not an automatic module").isFalse();
            assertThat(descriptor.name()).as(jar + ": the descriptor's name is the pom's jetring.module.name")
                    .isEqualTo(property);
            try (JarFile file = new JarFile(jar.toFile())) {
                String automatic = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
                assertThat(automatic).as(jar + ": Automatic-Module-Name, if any, is the descriptor's name")
                        .isIn(null, descriptor.name());
            }
            exported.put(descriptor.name(), descriptor.exports().stream().filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new)));
            assertThat(descriptor.opens()).as(descriptor.name() + " opens nothing to everyone")
                    .noneMatch(o -> !o.isQualified());
        }
        assertThat(exported).as("the packages each published module exports to everyone").isEqualTo(new TreeMap<>(EXPORTS));
    }

    /** The artifacts the bom lists. */
    private static List<String> published() throws IOException {
        Matcher m = Pattern.compile("<artifactId>(jetring-[a-z-]+)</artifactId>")
                .matcher(Files.readString(ROOT.resolve("bom/pom.xml")));
        List<String> artifacts = m.results().map(r -> r.group(1)).filter(a -> !a.equals("jetring-bom"))
                .collect(Collectors.toList());
        assertThat(artifacts).as("the bom's modules").contains("jetring-adapter-api", "jetring-adapter-jetty");
        return artifacts;
    }

    /** The module's main jar in its target folder (built in the package phase, before these tests). */
    private static Path jar(String folder) throws IOException {
        Path target = ROOT.resolve(folder).resolve("target");
        List<Path> jars;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jars = files.filter(p -> p.getFileName().toString().matches("jetring-" + folder + "-[0-9][^-]*(-SNAPSHOT)?\\.jar"))
                    .collect(Collectors.toList());
        }
        assumeThat(jars).as(folder + "'s jar (run in the package phase or later, e.g. mvn verify)").hasSize(1);
        return jars.get(0);
    }

    private static String moduleNameProperty(Path pom) throws IOException {
        Matcher m = Pattern.compile("<jetring.module.name>([^<]+)</jetring.module.name>").matcher(Files.readString(pom));
        assertThat(m.find()).as(pom + " sets jetring.module.name").isTrue();
        return m.group(1).trim();
    }
}
